import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SegmentsTestSupport
import Testing

/// The attack review's findings, each through the built binary: where credentials go, what a
/// pull request can make segctl read or print, and the guards of the dynamic-list scenario.
struct HardeningTests {
    static let beta = "name: beta-testers\nuserIds:\n  - user-1\n  - user-2\n"

    @Test func trustedURLWinsOverTheFileAndTheTokenNeverReachesTheFileHost() async throws {
        try await TestServer.with { server in
            try await RecordingServer.with { attacker in
                let dir = try Workdir(config: "directory: segments\napi:\n  url: \(attacker.baseURL)\n")
                try dir.write("segments/beta.yaml", Self.beta)
                let env = ["SEGMENTS_API_TOKEN": TestServer.adminToken, "SEGCTL_API_URL": server.baseURL]
                let plan = try await dir.segctl(["plan"], environment: env)
                #expect(plan.status == 0, "\(plan.all)")
                #expect(plan.stdout.contains("Plan: 1 to create"))
                #expect(plan.stderr.contains("segctl: note: api.url in segctl.yaml (\(attacker.baseURL)) is ignored: requests and credentials go only to \(server.baseURL) from SEGCTL_API_URL"))
                #expect(await attacker.log.requests.isEmpty)
                // Without the trusted variable the file's URL is used, as before.
                let direct = try await dir.segctl(["plan"], environment: ["SEGMENTS_API_TOKEN": "x"])
                #expect(direct.status == 0)
                let requests = await attacker.log.requests
                #expect(requests.first?.line == "GET /api/platform/segments")
                #expect(requests.allSatisfy { $0.authorization == "Bearer x" })
            }
        }
    }

    @Test func urlWithCredentialsIsRefusedWithoutEchoingThem() async throws {
        let dir = try Workdir(config: "api:\n  url: http://user:hunter2@127.0.0.1:1\n")
        let run = try await dir.segctl(["plan"], environment: ["SEGMENTS_API_TOKEN": "x"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("api.url must not contain a user name or password"))
        #expect(!run.all.contains("hunter2"))
    }

    @Test func applyRedactsMembersByFlagConfigAndEnvironment() async throws {
        try await TestServer.with { server in
            for (config, flag, environment) in [
                ("directory: segments\n", ["--redact-members"], [String: String]()),
                ("directory: segments\noutput:\n  redactMembers: true\n", [], [:]),
                ("directory: segments\noutput:\n  redactMembers: false\n", [], ["SEGCTL_REDACT_MEMBERS": "1"]),
            ] {
                let dir = try Workdir(config: config)
                try dir.write("segments/beta.yaml", "name: beta-\(flag.count)-\(environment.count)-\(config.count)\nuserIds: [user-123, user-456]\n")
                let apply = try await dir.segctl(["apply", "--auto-approve"] + flag, server: server, environment: environment)
                #expect(apply.status == 0, "\(apply.all)")
                #expect(apply.stdout.contains("userIds: 2 items"))
                #expect(!apply.all.contains("user-123") && !apply.all.contains("john@example.com"), "\(config) \(flag) \(environment)")
            }
        }
    }

    @Test func membersAndImportHonourRedaction() async throws {
        let dir = try Workdir(config: "directory: segments\noutput:\n  redactMembers: true\n")
        try dir.write("segments/beta.yaml", Self.beta)
        let dry = try await dir.segctl(["members", "set", "beta-testers", "--stdin", "--dry-run"], input: "user-1\nuser-2\nuser-3\n")
        #expect(dry.status == 0)
        #expect(dry.stdout == "beta-testers: +1 -0 userIds (dry run; segments/beta.yaml not changed)\n")
        let removed = try await dir.segctl(["members", "remove", "beta-testers", "user-404"])
        #expect(removed.stderr == "segctl: warning: an ID is not in userIds\n")
    }

    @Test func controlCharactersFromTheServerAreEscaped() async throws {
        try await TestServer.with { server in
            let name = "evil\u{1B}]0;pwned\u{07}\u{1B}[2J"
            var request = URLRequest(url: URL(string: server.baseURL + "/api/platform/segments")!)
            request.httpMethod = "POST"
            request.setValue("Bearer \(TestServer.adminToken)", forHTTPHeaderField: "Authorization")
            request.httpBody = try JSONSerialization.data(withJSONObject: ["name": name, "description": "a\u{1B}[31mred", "userIds": ["user-\u{1B}[1A"]])
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 201)
            let dir = try Workdir()
            try dir.write("segments/beta.yaml", Self.beta)
            for format in ["text", "markdown", "json"] {
                let plan = try await dir.segctl(["plan", "--prune", "--allow-mass-delete", "--format", format], server: server)
                #expect(!plan.all.contains("\u{1B}") && !plan.all.contains("\u{07}"), "\(format): \(plan.all.debugDescription)")
            }
            let plan = try await dir.segctl(["plan"], server: server)
            #expect(plan.stdout.contains("evil\\e]0;pwned\\u{7}\\e[2J"))
        }
    }

    @Test func planRefusesMassRemovalOfMembers() async throws {
        try await TestServer.with { server in
            let dir = try Workdir()
            let users = (1...20).map { "user-\($0)" }
            try dir.write("segments/beta.yaml", "name: beta\nuserIds: [\(users.joined(separator: ", "))]\n")
            #expect(try await dir.segctl(["apply", "--auto-approve"], server: server).status == 0)
            try dir.write("segments/beta.yaml", "name: beta\nuserIds: [user-1]\n")
            let plan = try await dir.segctl(["plan"], server: server)
            #expect(plan.status == 1)
            #expect(plan.stdout.contains("[mass-removal] refusing to remove 19 of 20 members of 'beta' (userIds), more than half; if that is intended, run again with --allow-mass-removal"))
            let apply = try await dir.segctl(["apply", "--auto-approve"], server: server)
            #expect(apply.status == 1)
            let allowed = try await dir.segctl(["apply", "--auto-approve", "--allow-mass-removal"], server: server)
            #expect(allowed.status == 0, "\(allowed.all)")
        }
    }

    @Test func anEmptySourceDoesNotEmptyTheSegment() async throws {
        let dir = try Workdir()
        try dir.write("segments/beta.yaml", Self.beta)
        let run = try await dir.segctl(["members", "set", "beta-testers", "--stdin"], input: "")
        #expect(run.status == 1)
        #expect(run.stderr == "segctl: error: refusing to remove all 2 members of 'beta-testers' (userIds), more than half; if that is intended (check the source of the IDs first), run again with --allow-mass-removal; segments/beta.yaml was not changed\n")
        #expect(try dir.read("segments/beta.yaml") == Self.beta)
        let allowed = try await dir.segctl(["members", "set", "beta-testers", "--stdin", "--allow-mass-removal"], input: "")
        #expect(allowed.status == 0)
        #expect(try dir.read("segments/beta.yaml") == "name: beta-testers\nuserIds: []\n")
    }

    @Test func concurrentMemberEditsAreNeverLost() async throws {
        let dir = try Workdir()
        try dir.write("segments/beta.yaml", "name: beta-testers\nuserIds:\n  - user-0\n")
        let root = dir.root
        let runs = try await withThrowingTaskGroup(of: CLI.Run.self) { group in
            for index in 1...10 {
                group.addTask { try await CLI.run(["members", "add", "beta-testers", "user-\(index)"], in: root) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(runs.allSatisfy { $0.status == 0 }, "\(runs.map(\.all))")
        let text = try dir.read("segments/beta.yaml")
        for index in 0...10 { #expect(text.contains("  - user-\(index)\n"), "user-\(index) lost: \(text)") }
    }

    @Test func specialAndHugeInputsAreRefusedQuickly() async throws {
        let dir = try Workdir()
        try dir.write("segments/beta.yaml", Self.beta)
        let zero = try await dir.segctl(["members", "set", "beta-testers", "--from-file", "/dev/zero"])
        #expect(zero.status == 1)
        #expect(zero.stderr == "segctl: error: cannot read /dev/zero: not a regular file (a device, pipe or socket); refusing to read it\n")
        let big = Data(count: 100 << 20)
        try big.write(to: URL(fileURLWithPath: dir.root + "/segctl.yaml"))
        let config = try await dir.segctl(["validate"])
        #expect(config.status == 2)
        #expect(config.stdout.contains("cannot read segctl.yaml: larger than the 1 MiB limit; refusing to read it"))
    }

    @Test func unknownKeysAreNeverEchoedWhole() async throws {
        let dir = try Workdir(config: nil)
        let secret = "root:$6$Zx9c2kQ1$veryLongPasswordHashThatMustNotLeakIntoLogs0123456789:19000:0:99999:7:::"
        try dir.write("shadow", "\(secret)\ndaemon:*:19000:0:99999:7:::\n")
        let run = try await dir.segctl(["--config", "shadow", "validate"])
        #expect(run.status == 2)
        #expect(run.all.contains("unknown key 'root:$6$Zx9c2kQ1$veryLon…' in segctl.yaml"), "\(run.all)")
        #expect(!run.all.contains("PasswordHash"), "\(run.all)")
    }

    @Test(arguments: ["directory: ../elsewhere\n", "directory: /etc\n", "directory: link\n"])
    func segmentsDirectoryMustStayInTheRepository(_ config: String) async throws {
        let dir = try Workdir(config: config)
        try FileManager.default.createDirectory(atPath: dir.root + "/../elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.root + "/link", withDestinationPath: "/etc")
        let run = try await dir.segctl(["validate"])
        #expect(run.status == 2, "\(run.all)")
        #expect(run.stdout.contains("outside the directory of segctl.yaml"))
    }

    @Test func aFloodOfProblemsIsCappedAndFast() async throws {
        let dir = try Workdir()
        var text = "name: flood\n"
        for index in 0..<1_000_000 { text += "k\(index): v\n" }
        try dir.write("segments/flood.yaml", text)
        // The time it takes is measured by scripts/bench-hostile in a release build.
        let run = try await dir.segctl(["validate"])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 102, "100 problems, the 'and N more' line, the summary")
        #expect(run.stdout.contains("and 999900 more errors in segments/flood.yaml, not shown; segctl stops listing a file's problems after 100"))
    }

    @Test func backtrackingPatternsAreRefusedByName() async throws {
        let dir = try Workdir(config: "directory: segments\nidFormats:\n  user: '(a+)+(?!x)'\n")
        let run = try await dir.segctl(["validate"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("idFormats.user '(a+)+(?!x)' uses a lookahead '(?=...)' or '(?!...)', which ID formats do not support"))
    }
}
