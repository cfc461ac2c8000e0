import Foundation
import Hummingbird
import HummingbirdTesting
import SegmentsServer

/// The real segments-server, in process on an ephemeral loopback port, with the development
/// directory loaded and a known Super Admin token.
public final class TestServer: TestService {
    /// A Super Admin token the server accepts.
    public static let adminToken = "test-admin-token-7f3c9e1d"
    /// A token of a directory user who is not a Super Admin (from examples/dev-directory.yaml).
    public static let memberToken = "dev-member-token"
    /// A token of a directory user who is a Super Admin (from examples/dev-directory.yaml).
    public static let directoryAdminToken = "dev-admin-token"
    /// The segments API's base path.
    public static let base = "/api/platform/segments"
    /// The repository's root, found from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    /// The development directory the quickstart uses.
    public static let devDirectory = repositoryRoot + "/examples/dev-directory.yaml"

    /// The bound port.
    public let port: Int
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Options for a test server: a free loopback port, quiet logs, the development directory
    /// and `adminToken` as the bootstrap Super Admin token.
    public static func options(
        database: String? = nil, directory: String? = devDirectory, maxBodySize: Int = ServerOptions.defaultMaxBodySize
    ) -> ServerOptions {
        ServerOptions(
            host: "127.0.0.1", port: 0, databasePath: database, directoryFile: directory,
            superAdminToken: adminToken, maxBodySize: maxBodySize, logLevel: .critical)
    }

    /// Runs `body` against a live server built from `options`, through HummingbirdTesting's
    /// pooled HTTP client, so requests can run concurrently.
    public static func run<Value: Sendable>(
        _ options: ServerOptions = options(), _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await buildApplication(options).test(.ahc(.http), body)
    }

    /// Starts a server; `databasePath` nil keeps the data in memory.
    public static func start(databasePath: String? = nil, directoryFile: String? = devDirectory) async throws -> TestServer {
        let options = options(database: databasePath, directory: directoryFile)
        let (port, task) = try await Loopback.run { onListening in try await buildApplication(options, onListening: onListening) }
        return TestServer(port: port, task: task)
    }

    /// Stops the server.
    public func stop() async {
        await Loopback.stop(task)
    }
}

/// A failure of the test support itself.
public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

extension TestServer {
    /// Runs `body` with a fresh server, stopping it afterwards whatever happens.
    @discardableResult
    public static func with<T>(databasePath: String? = nil, _ body: (TestServer) async throws -> T) async throws -> T {
        try await withService(try await start(databasePath: databasePath), body)
    }

    /// Runs `body` with a fresh server behind a fault-injecting proxy.
    @discardableResult
    public static func withProxy<T>(_ body: (TestServer, FaultProxy) async throws -> T) async throws -> T {
        try await with { server in
            try await withService(try await FaultProxy.start(upstream: server.baseURL)) { proxy in try await body(server, proxy) }
        }
    }
}
