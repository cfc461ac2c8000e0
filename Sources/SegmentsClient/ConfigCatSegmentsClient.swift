#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import NIOHTTP1
import SegmentsCore

/// ConfigCat's Public Management API v1, the segments of one product, over HTTP Basic auth.
public struct ConfigCatSegmentsClient: SegmentsRemote {
    /// Segments fetched at once when reading the full state (one GET per segment).
    public static let fetchConcurrency = 6

    let transport: HTTPTransport
    let productID: String
    let secrets: [Secret]
    let credentialSource: String
    let cache: ConfigCatSegmentCache?

    /// Creates a client for `productID` at `endpoint`.
    ///
    /// With a `cacheDirectory`, full segments are kept there between runs (see
    /// `ConfigCatSegmentCache`: no credentials; sensitive comparison values stay hashed as
    /// ConfigCat returns them), and listing fetches only the segments changed since; nil
    /// fetches every segment every time.
    public init(
        endpoint: RemoteEndpoint, productID: String, user: Secret, password: Secret,
        settings: ClientSettings = ClientSettings(), cacheDirectory: String? = nil, logger: Logger
    ) {
        self.productID = productID
        let encoded = Data("\(user.value):\(password.value)".utf8).base64EncodedString()
        credentialSource = "\(user.source)/\(password.source)"
        let authorization = Secret(encoded, source: credentialSource)
        secrets = [authorization, password, user]
        let secrets = secrets
        let source = credentialSource
        transport = HTTPTransport(baseURL: endpoint.baseURL, authorization: authorization, authorizationScheme: "Basic", settings: settings, logger: logger) { reply, what in
            Self.failure(reply, what, credentialSource: source) { text in secrets.reduce(text) { $1.redact($0) } }
        }
        cache = cacheDirectory.map { ConfigCatSegmentCache(directory: $0, baseURL: endpoint.baseURL, productID: productID, logger: logger) }
    }

    var listPath: String { "/v1/products/\(HTTPReply.pathSegment(productID))/segments" }

    func segmentPath(_ id: String) -> String { "/v1/segments/\(HTTPReply.pathSegment(id))" }

    /// The list, completed with one GET per segment the cache does not hold at the listed
    /// `updatedAt`; the cache then holds exactly the listed segments.
    public func listSegments() async throws -> [RemoteSegment] {
        let reply = try await transport.call(.GET, listPath, idempotent: true)
        let listed = try reply.decode([ConfigCatWireFormat.ListedSegment].self, "GET \(listPath)", redact: redact)
        let cached = cache?.load() ?? [:]
        var full = [ConfigCatWireFormat.Segment?](repeating: nil, count: listed.count)
        var missing: [Int] = []
        for (index, entry) in listed.enumerated() {
            if let segment = cached[entry.segmentId], let updatedAt = entry.updatedAt, segment.updatedAt == updatedAt {
                full[index] = segment
            } else {
                missing.append(index)
            }
        }
        for (index, segment) in try await fetch(missing.map { listed[$0].segmentId }).enumerated() {
            full[missing[index]] = segment
        }
        if let cache, !missing.isEmpty || cached.count != listed.count - missing.count {
            cache.save(full.compactMap { $0 })
        }
        return zip(full, listed).compactMap { segment, entry in segment?.remote(usage: entry.usage, updatedBy: entry.lastUpdaterEmail) }
    }

    /// The full segments `ids`, a few requests at a time; nil for one deleted meanwhile.
    func fetch(_ ids: [String]) async throws -> [ConfigCatWireFormat.Segment?] {
        try await withThrowingTaskGroup(of: (Int, ConfigCatWireFormat.Segment?).self) { group in
            var results = [ConfigCatWireFormat.Segment?](repeating: nil, count: ids.count)
            var next = 0
            func startNext() {
                guard next < ids.count else { return }
                let index = next
                let id = ids[index]
                next += 1
                group.addTask { (index, try await fetch(id: id)) }
            }
            for _ in 0..<Self.fetchConcurrency { startNext() }
            while let (index, segment) = try await group.next() {
                results[index] = segment
                startNext()
            }
            return results
        }
    }

    /// Always from the server, never the cache: apply checks versions with it.
    public func fetchSegment(id: String) async throws -> RemoteSegment? {
        try await fetch(id: id)?.remote(usage: nil)
    }

    func fetch(id: String) async throws -> ConfigCatWireFormat.Segment? {
        let path = segmentPath(id)
        guard let reply = try await transport.fetch(path) else { return nil }
        return try reply.decode(ConfigCatWireFormat.Segment.self, "GET \(path)", redact: redact)
    }

    public func createSegment(_ state: SegmentState) async throws -> String {
        let reply = try await transport.call(.POST, listPath, json: ConfigCatWireFormat.body(state), idempotent: false)
        return try reply.decode(ConfigCatWireFormat.Segment.self, "POST \(listPath)", redact: redact).segmentId
    }

    public func updateSegment(id: String, to state: SegmentState, changedFields: Set<String>) async throws {
        _ = try await transport.call(.PUT, segmentPath(id), json: ConfigCatWireFormat.body(state), idempotent: true)
    }

    public func deleteSegment(id: String) async throws {
        _ = try await transport.call(.DELETE, segmentPath(id), idempotent: true)
    }

    /// ConfigCat segments compare user attributes, not directory IDs: there is nothing to label.
    public func resolveLabels(_ ids: [String], kind: SegmentSchema.MemberKind) async throws -> [String: String] {
        [:]
    }

    /// ConfigCat's error bodies map fields to messages; show them field by field, or fall back
    /// to the status line and body text.
    static func failure(_ reply: HTTPReply, _ what: String, credentialSource: String, redact: (String) -> String) -> ClientError {
        let detail = errorText(reply, redact: redact)
        switch reply.status {
        case 401:
            return ClientError(.unauthorized, "\(what): 401 Unauthorized: ConfigCat rejected the credentials in \(credentialSource)\(detail.isEmpty ? "" : ": \(detail)")", status: 401)
        case 403:
            return ClientError(.forbidden, "\(what): 403 Forbidden: the credentials in \(credentialSource) may not manage this product's segments\(detail.isEmpty ? "" : ": \(detail)")", status: 403)
        case 404:
            return ClientError(.notFound, "\(what): 404 Not Found (is api.productId right?)\(detail.isEmpty ? "" : ": \(detail)")", status: 404)
        case 400..<500:
            return ClientError(.rejected, "\(what): HTTP \(reply.status)\(detail.isEmpty ? "" : ": \(detail)")", status: reply.status)
        default:
            return ClientError(.server, "\(what): HTTP \(reply.status)\(detail.isEmpty ? "" : ": \(detail)")", status: reply.status)
        }
    }

    /// `name: too long; comparisonValue: required`, or the body's first characters; redacted
    /// and escaped.
    static func errorText(_ reply: HTTPReply, redact: (String) -> String) -> String {
        guard reply.body.readableBytes > 0 else { return "" }
        if let object = try? JSONDecoder().decode([String: FieldMessages].self, from: Data(reply.body.readableBytesView)) {
            var parts: [String] = []
            for key in object.keys.sorted() {
                switch object[key] {
                case .many(let messages): parts.append("\(key): \(messages.joined(separator: "; "))")
                case .one(let message): parts.append("\(key): \(message)")
                default: break
                }
            }
            if !parts.isEmpty { return ServerText.shown(parts.joined(separator: "; "), redact: redact) }
        }
        return reply.snippet(redact: redact)
    }

    private func redact(_ text: String) -> String {
        secrets.reduce(text) { $1.redact($0) }
    }

    /// The value of one field of a ConfigCat error body: its messages, or anything else.
    enum FieldMessages: Decodable {
        case many([String])
        case one(String)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let messages = try? container.decode([String].self) {
                self = .many(messages)
            } else if let message = try? container.decode(String.self) {
                self = .one(message)
            } else {
                self = .other
            }
        }
    }
}
