import Foundation
import SegmentsTestSupport
import Testing

/// Exact snapshots of what users read, as swift-argument-parser's example tests keep them:
/// every command's `--help`, and the key outputs of a whole loop against segments-server.
/// `SEGCTL_UPDATE_SNAPSHOTS=1 swift test --filter SnapshotTests` rewrites them.
struct SnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// Compares `actual` with the snapshot `name`, or records it.
    static func check(_ actual: String, _ name: String) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SEGCTL_UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing snapshot \(name)>"
        #expect(actual == expected, "snapshot \(name)")
    }

    static let commands = [
        [], ["validate"], ["plan"], ["apply"], ["import"], ["members"], ["members", "add"], ["members", "remove"],
        ["members", "set"], ["members", "prune-expired"], ["fmt"], ["schema"],
    ]

    @Test(arguments: commands)
    func help(_ command: [String]) async throws {
        let dir = try Workdir()
        let run = try await dir.segctl(command + ["--help"], environment: ["COLUMNS": "100"])
        #expect(run.status == 0)
        try Self.check(run.stdout, "help-\((["segctl"] + command).joined(separator: "-")).txt")
    }

    @Test func theCommittedSchemaIsWhatSchemaPrints() async throws {
        let run = try await CLI.run(["schema"], in: TestServer.repositoryRoot)
        #expect(run.stdout == (try String(contentsOfFile: TestServer.repositoryRoot + "/segment.schema.json", encoding: .utf8)))
    }

    @Test func theWholeLoop() async throws {
        try await TestServer.with { server in
            let dir = try Workdir()
            try dir.write("segments/beta.yaml", "name: beta-testers\ndescription: Early access\nuserIds:\n  - user-123  # John\n  - {id: user-456, expires: 2099-01-01}\n")
            try dir.write("segments/team.yaml", "name: internal-team\nuserIds: [user-admin]\ncompanyIds: [company-123]\n")
            let validate = try await dir.segctl(["validate"])
            let plan = try await dir.segctl(["plan"], server: server)
            let apply = try await dir.segctl(["apply", "--auto-approve", "--parallelism", "1"], server: server)
            try dir.write("segments/beta.yaml", "name: beta-testers\ndescription: Early access customers\nuserIds:\n  - user-123  # John\n  - user-789\n")
            let update = try await dir.segctl(["plan", "--format", "markdown"], server: server)
            let members = try await dir.segctl(["members", "add", "beta-testers", "user-qa-1", "--dry-run"])
            let output = [validate, plan, apply, update, members].map { "$ exit \($0.status)\n\($0.stdout)\($0.stderr)" }.joined(separator: "\n")
            // Server-assigned ids and times differ per run.
            let stable = output
                .replacingOccurrences(of: #"c[a-z0-9]{24}"#, with: "<id>", options: .regularExpression)
                .replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"#, with: "<time>", options: .regularExpression)
            try Self.check(stable, "loop.txt")
        }
    }
}
