import Foundation
import SegmentsTestSupport

/// The built `segments-server` binary, run as a child process the way an operator runs it.
struct ServerProcess {
    /// What a run that ended printed and returned.
    struct Outcome {
        /// The exit status, or nil when the process was killed for running past its deadline.
        var status: Int32?
        var stdout: String
        var stderr: String

        /// Both streams.
        var all: String { stdout + stderr }
    }

    /// The built binary, next to the test bundle in the build's products directory.
    static let binary = BuiltProducts.path(of: "segments-server")

    /// Runs the server with `arguments` until it exits, killing it after `deadline`.
    static func run(_ arguments: [String], deadline: Duration = .seconds(10)) async throws -> Outcome {
        let child = try ChildProcess(arguments: arguments)
        let status = await child.process.waitForExit(within: deadline)
        child.kill()
        return Outcome(status: status, stdout: child.stdout(), stderr: child.stderr())
    }

    /// Starts the server on a free loopback port with an in-memory database and the bootstrap
    /// token of `TestServer`, runs `body` with the port it reports, then kills it.
    static func withServer<T>(_ arguments: [String], _ body: (Int) async throws -> T) async throws -> T {
        let child = try ChildProcess(arguments: ["--port", "0", "--log-level", "error"] + arguments)
        defer { child.kill() }
        let port = try await child.listeningPort(within: .seconds(20))
        return try await body(port)
    }
}

/// A running `segments-server` whose output goes to files, so neither pipe can fill and block it.
private final class ChildProcess {
    let process: SpawnedProcess
    private let scratch: URL

    init(arguments: [String]) throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("segments-server-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        process = try SpawnedProcess(
            ServerProcess.binary, arguments,
            environment: ["PATH": "/usr/bin:/bin", "SEGMENTS_SUPER_ADMIN_TOKEN": TestServer.adminToken],
            stdout: scratch.appendingPathComponent("out").path, stderr: scratch.appendingPathComponent("err").path)
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: scratch)
    }

    func stdout() -> String { read("out") }
    func stderr() -> String { read("err") }

    /// Kills the process (if it still runs) and reaps it.
    func kill() {
        process.kill()
    }

    /// The port from the line `segments-server listening on http://HOST:PORT`.
    func listeningPort(within limit: Duration) async throws -> Int {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let line = stdout()
            if let range = line.range(of: "listening on http://127.0.0.1:"),
               let port = Int(line[range.upperBound...].prefix { $0.isNumber }), line.hasSuffix("\n") {
                return port
            }
            if let status = process.exitStatus {
                throw TestFailure("segments-server exited with \(status): \(stderr())")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("segments-server did not report its port: \(stderr())")
    }

    private func read(_ name: String) -> String {
        String(decoding: (try? Data(contentsOf: scratch.appendingPathComponent(name))) ?? Data(), as: UTF8.self)
    }
}
