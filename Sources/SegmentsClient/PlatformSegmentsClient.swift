import Foundation
import Logging
import NIOHTTP1
import SegmentsCore

/// The platform Segments API (`/api/platform/segments`) over HTTP.
public struct PlatformSegmentsClient: SegmentsRemote {
    /// The API's path under the base URL.
    public static let basePath = "/api/platform/segments"
    /// IDs per resolve call.
    public static let resolveBatchSize = 500

    let transport: HTTPTransport
    let token: Secret

    /// Creates a client for `endpoint`, authenticating with the bearer `token`.
    public init(endpoint: RemoteEndpoint, token: Secret, settings: ClientSettings = ClientSettings(), logger: Logger) {
        self.token = token
        transport = HTTPTransport(baseURL: endpoint.baseURL, authorization: token, authorizationScheme: "Bearer", settings: settings, logger: logger)
    }

    /// Creates a client with the default connect timeout and response limit; the form the CLI
    /// calls until it passes `ClientSettings`.
    public init(endpoint: RemoteEndpoint, token: Secret, retry: RetryPolicy, logger: Logger) {
        self.init(endpoint: endpoint, token: token, settings: ClientSettings(retry: retry), logger: logger)
    }

    public func listSegments() async throws -> [RemoteSegment] {
        let reply = try await send(.GET, Self.basePath, idempotent: true)
        return try reply.decode("GET \(Self.basePath)", redact: token.redact, with: PlatformListDecoder.decode)
    }

    public func fetchSegment(id: String) async throws -> RemoteSegment? {
        let path = Self.basePath + "/" + HTTPReply.pathSegment(id)
        let reply = try await transport.send(.GET, path, idempotent: true)
        if reply.status == 404 { return nil }
        try check(reply, "GET \(path)")
        return try reply.decode(PlatformWireFormat.Segment.self, "GET \(path)", redact: token.redact).remote
    }

    public func createSegment(_ state: SegmentState) async throws -> String {
        let reply = try await send(.POST, Self.basePath, json: PlatformWireFormat.body(state, keys: nil), idempotent: false)
        return try reply.decode(PlatformWireFormat.Created.self, "POST \(Self.basePath)", redact: token.redact).id
    }

    public func updateSegment(id: String, to state: SegmentState, changedFields: Set<String>) async throws {
        let path = Self.basePath + "/" + HTTPReply.pathSegment(id)
        _ = try await send(.PUT, path, json: PlatformWireFormat.body(state, keys: changedFields), idempotent: true)
    }

    public func deleteSegment(id: String) async throws {
        let path = Self.basePath + "/" + HTTPReply.pathSegment(id)
        _ = try await send(.DELETE, path, idempotent: true)
    }

    public func resolveLabels(_ ids: [String], kind: SegmentSchema.MemberKind) async throws -> [String: String] {
        let path = Self.basePath + (kind == .user ? "/resolve-users" : "/resolve-companies")
        var labels: [String: String] = [:]
        var start = 0
        while start < ids.count {
            let batch = Array(ids[start..<min(ids.count, start + Self.resolveBatchSize)])
            start += batch.count
            let body = Array(JSONValue.object([("ids", .strings(batch))]).serialized(pretty: false).utf8)
            let reply = try await send(.POST, path, json: body, idempotent: true)
            for option in try reply.decode([PlatformWireFormat.Option].self, "POST \(path)", redact: token.redact) {
                labels[option.id] = option.label ?? option.id
            }
        }
        return labels
    }

    private func send(_ method: HTTPMethod, _ path: String, json: [UInt8]? = nil, idempotent: Bool) async throws -> HTTPReply {
        let reply = try await transport.send(method, path, json: json, idempotent: idempotent)
        try check(reply, "\(method.rawValue) \(path)")
        return reply
    }

    /// Turns an error status into a sentence with the server's own message.
    private func check(_ reply: HTTPReply, _ what: String) throws {
        guard !reply.isSuccess else { return }
        let detail = (try? JSONDecoder().decode(PlatformWireFormat.ErrorBody.self, from: Data(reply.body.readableBytesView)))?.error
        var serverMessage = detail?.message.map { ServerText.shown($0, redact: token.redact) } ?? reply.snippet(redact: token.redact)
        if let field = detail?.field { serverMessage += " (field '\(ServerText.shown(field, redact: token.redact, limit: 100))')" }
        switch reply.status {
        case 401:
            throw ClientError(.unauthorized, "\(what): 401 Unauthorized: the API rejected the token in \(token.source) (missing, expired or wrong); server said: \(serverMessage)", status: 401)
        case 403:
            throw ClientError(.forbidden, "\(what): 403 Forbidden: the token in \(token.source) belongs to a user who is not a Super Admin; server said: \(serverMessage)", status: 403)
        case 404:
            throw ClientError(.notFound, "\(what): 404 Not Found: \(serverMessage)", status: 404)
        case 409:
            throw ClientError(.conflict, "\(what): 409 Conflict: \(serverMessage)", status: 409)
        case 400..<500:
            throw ClientError(.rejected, "\(what): HTTP \(reply.status): \(serverMessage)", status: reply.status)
        default:
            throw ClientError(.server, "\(what): HTTP \(reply.status): \(serverMessage)", status: reply.status)
        }
    }
}
