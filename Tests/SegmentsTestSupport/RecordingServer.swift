import Foundation
import Hummingbird
import NIOCore

/// A server that answers every request with an empty segment list and records what it got:
/// the stand-in for a host a pull request would like segctl to send its credentials to.
public final class RecordingServer: TestService {
    /// What the server received.
    public actor Log {
        /// Every request, as `METHOD path`, with its Authorization header.
        public private(set) var requests: [(line: String, authorization: String?)] = []

        func record(_ line: String, _ authorization: String?) {
            requests.append((line, authorization))
        }
    }

    /// The requests seen.
    public let log: Log
    /// The bound port.
    public let port: Int
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(log: Log, port: Int, task: Task<Void, any Error>) {
        self.log = log
        self.port = port
        self.task = task
    }

    /// Runs `body` with a fresh server, stopping it afterwards whatever happens.
    @discardableResult
    public static func with<T>(_ body: (RecordingServer) async throws -> T) async throws -> T {
        let log = Log()
        let (port, task) = try await Loopback.serve { request in
            await log.record("\(request.method) \(request.uri.path)", request.headers[.authorization])
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "[]")))
        }
        return try await withService(RecordingServer(log: log, port: port, task: task), body)
    }

    /// Stops the server.
    public func stop() async {
        await Loopback.stop(task)
    }
}
