import Foundation
import Hummingbird
import SegmentsServer

/// The real segments-server, in process on an ephemeral loopback port, with the development
/// directory loaded and a known Super Admin token.
public final class TestServer: Sendable {
    /// A Super Admin token the server accepts.
    public static let adminToken = "test-admin-token-7f3c9e1d"
    /// A token of a directory user who is not a Super Admin (from scripts/dev-directory.yaml).
    public static let memberToken = "dev-member-token"
    /// The repository's root, found from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    /// The development directory the quickstart uses.
    public static let devDirectory = repositoryRoot + "/scripts/dev-directory.yaml"

    /// The bound port.
    public let port: Int
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Starts a server; `databasePath` nil keeps the data in memory.
    public static func start(databasePath: String? = nil, directoryFile: String? = devDirectory) async throws -> TestServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let options = ServerOptions(
            host: "127.0.0.1", port: 0, databasePath: databasePath, directoryFile: directoryFile,
            superAdminToken: adminToken, logLevel: .critical)
        let app = try await buildApplication(options) { port in continuation.yield(port) }
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestSupportError("segments-server did not start") }
        return TestServer(port: port, task: task)
    }

    /// Stops the server.
    public func stop() async {
        task.cancel()
        _ = await task.result
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
    public static func with<T>(
        databasePath: String? = nil, _ body: (TestServer) async throws -> T
    ) async throws -> T {
        let server = try await start(databasePath: databasePath)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Runs `body` with a fresh server behind a fault-injecting proxy.
    @discardableResult
    public static func withProxy<T>(_ body: (TestServer, FaultProxy) async throws -> T) async throws -> T {
        try await with { server in
            let proxy = try await FaultProxy.start(upstream: server.baseURL)
            do {
                let result = try await body(server, proxy)
                await proxy.stop()
                return result
            } catch {
                await proxy.stop()
                throw error
            }
        }
    }
}
