import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SegmentsServer

/// Starts servers on a free loopback port and talks to them over real HTTP.
enum TestServer {
    /// The bootstrap Super Admin token every test server accepts.
    static let bootstrapToken = "test-bootstrap-token"
    /// A Super Admin token from the development directory.
    static let adminToken = "dev-admin-token"
    /// A member's token from the development directory (403).
    static let memberToken = "dev-member-token"
    /// The segments API's base path.
    static let base = "/api/platform/segments"

    /// `examples/dev-directory.yaml`, the directory the quickstart uses.
    static let devDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("examples/dev-directory.yaml").path
    }()

    /// Options for a test server: port 0, quiet logs, the dev directory and bootstrap token.
    static func options(
        database: String? = nil, directory: String? = devDirectory, maxBodySize: Int = ServerOptions.defaultMaxBodySize
    ) -> ServerOptions {
        ServerOptions(
            host: "127.0.0.1", port: 0, databasePath: database, directoryFile: directory,
            superAdminToken: bootstrapToken, maxBodySize: maxBodySize, logLevel: .critical)
    }

    /// Runs `body` against a live server built from `options`, with a pooled HTTP client
    /// so requests can run concurrently.
    static func run<Value: Sendable>(
        _ options: ServerOptions = options(),
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let app = try await buildApplication(options)
        return try await app.test(.ahc(.http), body)
    }
}

extension TestClientProtocol {
    /// Sends a request with a bearer token (the bootstrap token unless told otherwise) and an optional JSON body.
    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = TestServer.bootstrapToken, json: String? = nil
    ) async throws -> APIResponse {
        var headers: HTTPFields = [:]
        if let token {
            headers[.authorization] = "Bearer \(token)"
        }
        if json != nil {
            headers[.contentType] = "application/json"
        }
        let response = try await executeRequest(
            uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return APIResponse(response)
    }

    /// Creates a segment from a JSON body and returns its ID, expecting 201.
    func createSegment(_ json: String) async throws -> String {
        let response = try await call(.post, TestServer.base, json: json)
        guard response.status == .created, let id = response.string("id") else {
            throw TestFailure("create failed: \(response.status) \(response.text)")
        }
        return id
    }
}

/// A failure in test setup, with the reason.
struct TestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
