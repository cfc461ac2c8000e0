import Foundation
import Hummingbird
import NIOCore
import SegmentsServer

/// segments-server request -> the application's router, in process (`InProcessRouter`), with
/// a valid Super Admin token, after creating one segment the request
/// may address as `{id}` (`ServerRequestInput`). Every segment is deleted after each input,
/// so inputs do not depend on each other.
///
/// Invariant: no crash, hang or unbounded memory; the answer is 2xx or 4xx, never 5xx (or
/// 1xx/3xx); a 4xx body (other than HEAD's) is exactly the documented error shape
/// `{"error": {"message": "<not empty>", "field": "<name>" | null}}`; a 2xx body (other than
/// HEAD's) is JSON.
public enum ServerRequestCheck {
    /// The path every endpoint lives under.
    static let basePath = "/api/platform/segments"
    /// The bootstrap Super Admin token the application accepts.
    static let token = "fuzz-bootstrap-token"

    /// The router, built once per process: an in-memory database with the development
    /// directory (`examples/dev-directory.yaml`) loaded.
    static let router = Task<InProcessRouter, any Error> {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let options = ServerOptions(
            host: "127.0.0.1", port: 0, databasePath: nil,
            directoryFile: url.appendingPathComponent("examples/dev-directory.yaml").path,
            superAdminToken: token, idleTimeout: nil, maxConnections: 16, logLevel: .critical)
        return try await InProcessRouter(options)
    }

    /// Checks one input.
    public static func check(_ bytes: [UInt8]) async throws(InvariantViolation) {
        let request = ServerRequestInput(bytes)
        let verdict: Result<Void, InvariantViolation>
        do {
            verdict = try await exchange(request, router.value)
        } catch {
            throw InvariantViolation("the request could not be run: \(error)")
        }
        try verdict.get()
    }

    /// Creates the `{id}` segment, sends the request, judges the answer, and deletes every segment.
    static func exchange(_ request: ServerRequestInput, _ client: InProcessRouter) async throws -> Result<Void, InvariantViolation> {
        let created = try await client.execute(
            uri: basePath, method: .post, headers: headers(json: true),
            body: ByteBuffer(string: #"{"name":"fuzz-base","description":"the segment {id} names","userIds":["user-123"],"companyIds":["company-123"]}"#))
        guard created.status == .created, let id = (json(created.body) as? [String: Any])?["id"] as? String else {
            return .failure(InvariantViolation("the {id} segment could not be created: \(created.status) \(String(buffer: created.body))"))
        }
        let response = try await client.execute(
            uri: request.target(id: id), method: request.method, headers: headers(json: request.body != nil),
            body: request.body.map { ByteBuffer(bytes: $0) })
        let verdict = judge(response, to: request, id: id)
        let list = try await client.execute(uri: basePath, method: .get, headers: headers(json: false), body: nil)
        for case let segment as [String: Any] in json(list.body) as? [Any] ?? [] {
            guard let id = segment["id"] as? String else { continue }
            _ = try await client.execute(uri: "\(basePath)/\(id)", method: .delete, headers: headers(json: false), body: nil)
        }
        return verdict
    }

    /// Whether `response` keeps the invariant.
    static func judge(_ response: InProcessRouter.Answer, to request: ServerRequestInput, id: String) -> Result<Void, InvariantViolation> {
        let code = response.status.code
        let what = "\(request.method.rawValue) \(request.target(id: id)) answered \(code): \(String(buffer: response.body).prefix(300))"
        switch code {
        case 200..<300:
            if request.method != .head, response.body.readableBytes > 0, json(response.body) == nil {
                return .failure(InvariantViolation("\(what): a success body that is not JSON"))
            }
        case 400..<500:
            if request.method != .head, !isErrorShaped(response.body) {
                return .failure(InvariantViolation("\(what): not the documented error shape"))
            }
        default:
            return .failure(InvariantViolation("\(what): neither 2xx nor 4xx"))
        }
        return .success(())
    }

    /// Whether `body` is `{"error": {"message": "...", "field": "..." | null}}` and nothing else.
    static func isErrorShaped(_ body: ByteBuffer) -> Bool {
        guard let object = json(body) as? [String: Any], object.count == 1,
              let error = object["error"] as? [String: Any], Set(error.keys) == ["message", "field"],
              let message = error["message"] as? String, !message.isEmpty else { return false }
        return error["field"] is String || error["field"] is NSNull
    }

    static func json(_ body: ByteBuffer) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: .fragmentsAllowed)
    }

    static func headers(json: Bool) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(token)"]
        if json { fields[.contentType] = "application/json" }
        return fields
    }
}
