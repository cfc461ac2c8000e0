#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import NIOHTTP1
import SegmentsCore

/// The platform Segments API (`/api/platform/segments`) over HTTP.
public struct PlatformSegmentsClient: SegmentsRemote {
    /// The API's path under the base URL.
    public static let basePath = "/api/platform/segments"
    /// IDs per resolve call: the most the API takes in one.
    public static let resolveBatchSize = 1000

    let transport: HTTPTransport
    let token: Secret

    /// Creates a client for `endpoint`, authenticating with the bearer `token`.
    public init(endpoint: RemoteEndpoint, token: Secret, settings: ClientSettings = ClientSettings(), logger: Logger) {
        self.token = token
        transport = HTTPTransport(baseURL: endpoint.baseURL, authorization: token, authorizationScheme: "Bearer", settings: settings, logger: logger) { reply, what in
            Self.failure(reply, what, token: token)
        }
    }

    public func listSegments() async throws -> [RemoteSegment] {
        let (reply, decoded) = try await transport.call(.GET, Self.basePath, idempotent: true, decoder: PlatformListStream.self)
        return try reply.value(of: decoded, "GET \(Self.basePath)", redact: token.redact)
    }

    public func fetchSegment(id: String) async throws -> RemoteSegment? {
        let path = Self.basePath + "/" + HTTPReply.pathSegment(id)
        guard let reply = try await transport.fetch(path) else { return nil }
        return try reply.decode(PlatformWireFormat.Segment.self, "GET \(path)", redact: token.redact).remote
    }

    public func createSegment(_ state: SegmentState) async throws -> String {
        let reply = try await transport.call(.POST, Self.basePath, json: PlatformWireFormat.body(state, keys: nil), idempotent: false)
        if let id = reply.body.withUnsafeReadableBytes(PlatformWireFormat.Created.scannedID) { return id }
        return try reply.decode(PlatformWireFormat.Created.self, "POST \(Self.basePath)", redact: token.redact).id
    }

    public func updateSegment(id: String, to state: SegmentState, changedFields: Set<String>) async throws {
        let path = Self.basePath + "/" + HTTPReply.pathSegment(id)
        _ = try await transport.call(.PUT, path, json: PlatformWireFormat.body(state, keys: changedFields), idempotent: true)
    }

    public func deleteSegment(id: String) async throws {
        let path = Self.basePath + "/" + HTTPReply.pathSegment(id)
        _ = try await transport.call(.DELETE, path, idempotent: true)
    }

    public func resolveLabels(_ ids: [String], kind: SegmentSchema.MemberKind) async throws -> [String: String] {
        let path = Self.basePath + (kind == .user ? "/resolve-users" : "/resolve-companies")
        var labels: [String: String] = [:]
        var start = 0
        while start < ids.count {
            let batch = Array(ids[start..<min(ids.count, start + Self.resolveBatchSize)])
            start += batch.count
            let body = JSONBodyWriter.object(capacity: 16 + batch.count * 20) { json in
                json.key("ids")
                json.strings(batch)
            }
            let reply = try await transport.call(.POST, path, json: body, idempotent: true)
            for option in try reply.decode([PlatformWireFormat.Option].self, "POST \(path)", redact: token.redact) {
                labels[option.id] = option.label ?? option.id
            }
        }
        return labels
    }

    /// An error status as a sentence with the server's own message.
    static func failure(_ reply: HTTPReply, _ what: String, token: Secret) -> ClientError {
        let detail = (try? JSONDecoder().decode(PlatformWireFormat.ErrorBody.self, from: Data(reply.body.readableBytesView)))?.error
        var serverMessage = detail?.message.map { ServerText.shown($0, redact: token.redact) } ?? reply.snippet(redact: token.redact)
        if let field = detail?.field { serverMessage += " (field '\(ServerText.shown(field, redact: token.redact, limit: 100))')" }
        switch reply.status {
        case 401:
            return ClientError(.unauthorized, "\(what): 401 Unauthorized: the API rejected the token in \(token.source) (missing, expired or wrong); server said: \(serverMessage)", status: 401)
        case 403:
            return ClientError(.forbidden, "\(what): 403 Forbidden: the token in \(token.source) belongs to a user who is not a Super Admin; server said: \(serverMessage)", status: 403)
        case 404:
            return ClientError(.notFound, "\(what): 404 Not Found: \(serverMessage)", status: 404)
        case 409:
            return ClientError(.conflict, "\(what): 409 Conflict: \(serverMessage)", status: 409)
        case 400..<500:
            return ClientError(.rejected, "\(what): HTTP \(reply.status): \(serverMessage)", status: reply.status)
        default:
            return ClientError(.server, "\(what): HTTP \(reply.status): \(serverMessage)", status: reply.status)
        }
    }
}
