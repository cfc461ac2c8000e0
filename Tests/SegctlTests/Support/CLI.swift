import Foundation
import SegmentsTestSupport

/// Runs the built `segctl` binary, as a user would, and captures what it prints.
struct CLI {
    /// What one run printed and returned.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Both streams, for checks that must hold for everything printed.
        var all: String { stdout + stderr }
    }

    static let segctl = BuiltProducts.path(of: "segctl")
    static let segmentsServer = BuiltProducts.path(of: "segments-server")

    /// Runs `segctl arguments` in `directory` with `environment` added to a minimal one.
    /// Waits without blocking a thread: the server under test runs in this process.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:], input: String? = nil) async throws -> Run {
        var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        env.merge(environment) { _, new in new }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("segctl-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        let err = scratch.appendingPathComponent("err")
        let inp = scratch.appendingPathComponent("in")
        try Data((input ?? "").utf8).write(to: inp)
        let child = try SpawnedProcess(segctl, arguments, environment: env, directory: directory, stdin: inp.path, stdout: out.path, stderr: err.path)
        let status = await child.waitForExit()!
        return Run(
            status: status,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}

/// A repository on disk for one test: `segctl.yaml`, `segments/`, and helpers to run segctl
/// against a server.
final class Workdir {
    private let directory: TemporaryDirectory
    var token = TestServer.adminToken

    /// The repository's root.
    var root: String { directory.path }

    init(config: String? = "directory: segments\n") throws {
        directory = try TemporaryDirectory(creating: ["segments"])
        if let config { try write("segctl.yaml", config) }
    }

    func write(_ path: String, _ text: String) throws {
        try directory.write(path, text)
    }

    func read(_ path: String) throws -> String {
        try directory.read(path)
    }

    func remove(_ path: String) throws {
        try directory.remove(path)
    }

    /// Runs segctl here; remote commands get `--api-url` of `server` and the token.
    func segctl(_ arguments: [String], server: TestServer? = nil, environment: [String: String] = [:], input: String? = nil) async throws -> CLI.Run {
        var args = arguments
        var env = environment
        if let server {
            args += ["--api-url", server.baseURL, "--retry-delay", "0.01"]
            env["SEGMENTS_API_TOKEN"] = env["SEGMENTS_API_TOKEN"] ?? token
        }
        return try await CLI.run(args, in: root, environment: env, input: input)
    }
}
