import Foundation
import Testing

/// `segctl validate` run as a user runs it: exit codes, formats, options.
struct ValidateCommandTests {
    @Test func validRepositoryExitsZero() async throws {
        let dir = try Workdir()
        try dir.write("segments/a.yaml", "name: a\nuserIds: [user-1]\n")
        let run = try await dir.segctl(["validate"])
        #expect(run.status == 0)
        #expect(run.stdout == "0 errors, 0 warnings in 1 file\n")
        #expect(run.stderr.isEmpty)
    }

    @Test func invalidRepositoryExitsOneInEveryFormat() async throws {
        let dir = try Workdir()
        try dir.write("segments/a.yaml", "name: a\nuserIds: [usr-1]\n")
        for format in ["text", "json", "github"] {
            let run = try await dir.segctl(["validate", "--format", format])
            #expect(run.status == 1, "format \(format)")
            #expect(run.stdout.contains("usr-1"))
        }
        let text = try await dir.segctl(["validate"])
        #expect(text.stdout == "segments/a.yaml:2:11: error: user ID 'usr-1' does not match the user ID format '^user-[A-Za-z0-9_-]+$' (idFormats.user)\n1 error, 0 warnings in 1 file\n")
    }

    @Test func configurationErrorExitsTwoInEveryFormat() async throws {
        let dir = try Workdir(config: "directory: segments\nprun: true\n")
        for format in ["text", "json", "github"] {
            let run = try await dir.segctl(["validate", "--format", format])
            #expect(run.status == 2, "format \(format)")
        }
        let run = try await dir.segctl(["validate"])
        #expect(run.stdout.hasPrefix("segctl.yaml:2:1: error: unknown key 'prun' in segctl.yaml; did you mean 'prune'?\n"))
        let json = try await dir.segctl(["validate", "--format", "json"])
        #expect(json.stdout.contains(#""rule": "unknown-key""#))
    }

    @Test func usageErrorExitsTwo() async throws {
        let dir = try Workdir()
        let run = try await dir.segctl(["validate", "--format", "yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--format"))
    }

    @Test func warningsFailOnlyWithStrict() async throws {
        let dir = try Workdir()
        try dir.write("segments/a.yaml", "name: a\nuserIds: [user-1, user-1]\n")
        #expect(try await dir.segctl(["validate"]).status == 0)
        #expect(try await dir.segctl(["validate", "--strict"]).status == 1)
    }

    @Test func directoryOptionAndConfigOption() async throws {
        let dir = try Workdir(config: nil)
        try dir.write("infra/segctl.yaml", "directory: segs\n")
        try dir.write("infra/segs/a.yaml", "name: a\n")
        try dir.write("other.yaml", "directory: infra/segs\n")
        let run = try await dir.segctl(["-C", "infra", "validate"])
        #expect(run.status == 0)
        #expect(run.stdout == "0 errors, 0 warnings in 1 file\n")
        let explicit = try await dir.segctl(["--config", "other.yaml", "validate"])
        #expect(explicit.status == 0)
        let missing = try await dir.segctl(["-C", "nowhere", "validate"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "segctl: error: cannot change to 'nowhere': no such directory\n")
    }

    @Test func noColourWithoutATerminal() async throws {
        let dir = try Workdir()
        try dir.write("segments/a.yaml", "name: [x\n")
        let run = try await dir.segctl(["validate"], environment: ["TERM": "xterm-256color"])
        #expect(!run.all.contains("\u{1B}["))
    }

    @Test func theRepositoryExamplesValidate() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let run = try await CLI.run(["validate", "--strict"], in: root)
        #expect(run.status == 0, "\(run.all)")
        #expect(run.stdout.hasSuffix("0 errors, 0 warnings in 5 files\n"))
    }

    @Test func schemaIsDraft2020JSON() async throws {
        let dir = try Workdir()
        let run = try await dir.segctl(["schema"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect((object?["required"] as? [String]) == ["name"])
    }

    @Test func helpListsEveryCommand() async throws {
        let dir = try Workdir()
        let run = try await dir.segctl(["--help"])
        #expect(run.status == 0)
        for command in ["validate", "plan", "apply", "import", "members", "fmt", "schema"] {
            #expect(run.stdout.contains(command), "\(command) in --help")
        }
    }
}
