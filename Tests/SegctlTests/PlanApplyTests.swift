import Foundation
import SegmentsTestSupport
import Testing

/// plan, apply and import end to end: the built segctl against segments-server on loopback.
struct PlanApplyTests {
    static let beta = """
        name: beta-testers
        description: Early access customers
        userIds:
          - user-123
          - user-456
        companyIds:
          - company-789
        """
    static let internalTeam = """
        name: internal-team
        userIds: [user-admin, user-qa-1]
        """

    /// A repository with two segments, applied to a fresh server.
    func applied(_ server: TestServer, config: String = "directory: segments\n") async throws -> Workdir {
        let dir = try Workdir(config: config)
        try dir.write("segments/beta-testers.yaml", Self.beta)
        try dir.write("segments/internal-team.yaml", Self.internalTeam)
        let apply = try await dir.segctl(["apply", "--auto-approve"], server: server)
        #expect(apply.status == 0, "\(apply.all)")
        return dir
    }

    @Test func theWholeLoopConverges() async throws {
        try await TestServer.with { server in
            let dir = try Workdir()
            try dir.write("segments/beta-testers.yaml", Self.beta)
            try dir.write("segments/internal-team.yaml", Self.internalTeam)
            let plan = try await dir.segctl(["plan", "--detailed-exitcode"], server: server)
            #expect(plan.status == 2)
            #expect(plan.stdout.contains("Plan: 2 to create, 0 to update, 0 to delete."))
            #expect(plan.stdout.contains("+ user-123 (john@example.com)"))
            let apply = try await dir.segctl(["apply", "--auto-approve"], server: server)
            #expect(apply.status == 0)
            #expect(apply.stdout.contains("+ created beta-testers\n"))
            #expect(apply.stdout.hasSuffix("Apply complete: 2 created, 0 updated, 0 deleted.\n"))
            let again = try await dir.segctl(["plan", "--detailed-exitcode"], server: server)
            #expect(again.status == 0)
            #expect(again.stdout == "No changes: 2 segments match their files.\n\nPlan: 0 to create, 0 to update, 0 to delete.\n")
        }
    }

    @Test func memberLevelUpdateWithLabelsRedactionAndNoLabels() async throws {
        try await TestServer.with { server in
            let dir = try await applied(server)
            try dir.write("segments/beta-testers.yaml", Self.beta.replacingOccurrences(of: "  - user-456\n", with: "  - user-789\n"))
            let plan = try await dir.segctl(["plan"], server: server)
            #expect(plan.status == 0)
            #expect(plan.stdout.contains("~ userIds: +1 -1 (2 -> 2)\n          + user-789 (maria.garcia@techflow.example)\n          - user-456 (ana@example.com)\n"))
            #expect(plan.stdout.contains("Plan: 0 to create, 1 to update, 0 to delete."))
            let redacted = try await dir.segctl(["plan", "--redact-members"], server: server)
            #expect(!redacted.stdout.contains("user-789") && !redacted.stdout.contains("user-456"))
            #expect(redacted.stdout.contains("~ userIds: +1 -1 (2 -> 2)"))
            let bare = try await dir.segctl(["plan", "--no-labels"], server: server)
            #expect(bare.stdout.contains("+ user-789\n") && !bare.stdout.contains("maria.garcia"))
            let markdown = try await dir.segctl(["plan", "--format", "markdown"], server: server)
            #expect(markdown.stdout.contains("| `~` | `beta-testers` | update: userIds +1 -1 |"))
            #expect(markdown.stdout.contains("+ user-789 (maria.garcia@techflow.example)"))
            let json = try await dir.segctl(["plan", "--format", "json"], server: server)
            let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect((document?["summary"] as? [String: Int])?["update"] == 1)
        }
    }

    @Test func pruneOffListsUnmanagedAndPruneOnDeletes() async throws {
        try await TestServer.with { server in
            let dir = try await applied(server)
            try dir.write("segments/extra.yaml", "name: extra\n")
            #expect(try await dir.segctl(["apply", "--auto-approve"], server: server).status == 0)
            try dir.remove("segments/extra.yaml")
            let plan = try await dir.segctl(["plan"], server: server)
            #expect(plan.stdout.contains("Unmanaged remote segments (no file declares them; left alone without --prune):\n  extra ("))
            #expect(plan.stdout.contains("Plan: 0 to create, 0 to update, 0 to delete."))
            let pruned = try await dir.segctl(["plan", "--prune"], server: server)
            #expect(pruned.stdout.contains("- delete extra ("))
            #expect(pruned.stdout.contains("! deleting a segment also removes all of its feature-flag associations (cascading delete)"))
            let apply = try await dir.segctl(["apply", "--auto-approve", "--prune"], server: server)
            #expect(apply.status == 0)
            #expect(apply.stdout.contains("- deleted extra\n"))
        }
    }

    @Test func renameWithAndWithoutPinnedID() async throws {
        try await TestServer.with { server in
            let dir = try await applied(server)
            let json = try await dir.segctl(["plan", "--format", "json", "--prune"], server: server)
            #expect(json.status == 0)
            try dir.write("segments/internal-team.yaml", Self.internalTeam.replacingOccurrences(of: "name: internal-team", with: "name: staff"))
            let unpinned = try await dir.segctl(["plan", "--prune", "--allow-mass-delete"], server: server)
            #expect(unpinned.stdout.contains("+ create staff"))
            #expect(unpinned.stdout.contains("- delete internal-team"))
            #expect(unpinned.stdout.contains("probable rename: 'internal-team' is deleted and 'staff' created; pin 'id: c"))
            let imported = try await dir.segctl(["import", "internal-team"], server: server)
            #expect(imported.status == 0, "\(imported.all)")
            try dir.remove("segments/internal-team.yaml")
            let importedText = try dir.read("segments/internal-team-2.yaml")
            try dir.remove("segments/internal-team-2.yaml")
            try dir.write("segments/staff.yaml", importedText.replacingOccurrences(of: "name: internal-team", with: "name: staff"))
            let pinned = try await dir.segctl(["plan"], server: server)
            #expect(pinned.stdout.contains("~ update internal-team (c"))
            #expect(pinned.stdout.contains("~ name: \"internal-team\" -> \"staff\""))
            #expect(pinned.stdout.contains("Plan: 0 to create, 1 to update, 0 to delete."))
        }
    }

    @Test func protectAndMassDeleteGuards() async throws {
        try await TestServer.with { server in
            let dir = try await applied(server, config: "directory: segments\nprotect: [internal-team]\n")
            try dir.remove("segments/internal-team.yaml")
            let plan = try await dir.segctl(["plan", "--prune"], server: server)
            #expect(plan.status == 1)
            #expect(plan.stdout.contains("error [protect] refusing to delete 'internal-team' ("))
            #expect(plan.stdout.contains("protected by segctl.yaml:2 (protect)"))
            let apply = try await dir.segctl(["apply", "--prune", "--auto-approve"], server: server)
            #expect(apply.status == 1)
            #expect(apply.stderr.contains("the plan cannot be applied"))
            #expect(try await dir.segctl(["plan", "--prune", "--out", "refused.json"], server: server).status == 1)
            let saved = try await dir.segctl(["apply", "refused.json"], server: server)
            #expect(saved.status == 1)
            #expect(saved.stderr.contains("segctl: error: [protect] refusing to delete 'internal-team' ("))
            try dir.write("segctl.yaml", "directory: segments\n")
            try dir.remove("segments/beta-testers.yaml")
            let mass = try await dir.segctl(["plan", "--prune"], server: server)
            #expect(mass.status == 1)
            #expect(mass.stdout.contains("refusing to delete all 2 remote segments (more than half); if that is intended, run again with --allow-mass-delete"))
            let allowed = try await dir.segctl(["plan", "--prune", "--allow-mass-delete"], server: server)
            #expect(allowed.status == 0)
            #expect(allowed.stdout.contains("Plan: 0 to create, 0 to update, 2 to delete."))
        }
    }

    @Test func savedPlanIsAppliedOrRefusedWhenStale() async throws {
        try await TestServer.with { server in
            let dir = try await applied(server)
            try dir.write("segments/new.yaml", "name: new\nuserIds: [user-123]\n")
            #expect(try await dir.segctl(["plan", "--out", "plan.json"], server: server).status == 0)
            // The files change after the plan.
            try dir.write("segments/new.yaml", "name: new\nuserIds: [user-456]\n")
            let staleFiles = try await dir.segctl(["apply", "plan.json"], server: server)
            #expect(staleFiles.status == 1)
            #expect(staleFiles.stderr.contains("the saved plan plan.json is stale; nothing was changed:\n  - segments/new.yaml changed\n"))
            // The remote changes after the plan: someone applies another checkout.
            #expect(try await dir.segctl(["plan", "--out", "plan.json"], server: server).status == 0)
            let elsewhere = try Workdir()
            try elsewhere.write("segments/other.yaml", "name: other\n")
            #expect(try await elsewhere.segctl(["apply", "--auto-approve"], server: server).status == 0)
            let staleRemote = try await dir.segctl(["apply", "plan.json"], server: server)
            #expect(staleRemote.status == 1)
            #expect(staleRemote.stderr.contains("segment 'other' ("))
            #expect(staleRemote.stderr.contains(") was created remotely"))
            #expect(!staleRemote.stderr.contains("segments/"))
            // A fresh plan applies.
            #expect(try await dir.segctl(["plan", "--out", "plan.json", "--prune"], server: server).status == 0)
            let apply = try await dir.segctl(["apply", "plan.json"], server: server)
            #expect(apply.status == 0, "\(apply.all)")
            #expect(apply.stdout.contains("+ created new\n"))
            #expect(apply.stdout.contains("- deleted other\n"))
            #expect(try await dir.segctl(["plan", "--detailed-exitcode", "--prune"], server: server).status == 0)
        }
    }

    @Test func applyWithoutATerminalNeedsApproval() async throws {
        try await TestServer.with { server in
            let dir = try Workdir()
            try dir.write("segments/a.yaml", "name: a\n")
            let run = try await dir.segctl(["apply"], server: server, input: "yes\n")
            #expect(run.status == 1)
            #expect(run.stderr.contains("refusing to apply without confirmation: standard input is not a terminal; pass --auto-approve"))
            let plan = try await dir.segctl(["plan", "--detailed-exitcode"], server: server)
            #expect(plan.status == 2, "nothing was created")
        }
    }

    @Test func importAllThenPlanShowsNoChanges() async throws {
        try await TestServer.with { server in
            let source = try await applied(server)
            _ = source
            let dir = try Workdir()
            let run = try await dir.segctl(["import", "--all"], server: server)
            #expect(run.status == 0, "\(run.all)")
            #expect(run.stdout.hasSuffix("Imported 2 segments.\n"))
            let text = try dir.read("segments/beta-testers.yaml")
            #expect(text.contains("  - user-123  # john@example.com\n  - user-456  # ana@example.com\n"))
            #expect(text.contains("\nid: c"))
            let plan = try await dir.segctl(["plan", "--detailed-exitcode"], server: server)
            #expect(plan.status == 0, "\(plan.all)")
            let again = try await dir.segctl(["import", "--all"], server: server)
            #expect(again.status == 1)
            #expect(again.stderr.contains("'beta-testers' is already declared in segments/beta-testers.yaml; pass --force to overwrite it"))
            #expect(try dir.read("segments/beta-testers.yaml") == text)
            #expect(try await dir.segctl(["import", "--all", "--force"], server: server).status == 0)
        }
    }

    @Test func validateRemoteFindsUnknownIDs() async throws {
        try await TestServer.with { server in
            let dir = try Workdir()
            try dir.write("segments/a.yaml", "name: a\nuserIds:\n  - user-123\n  - user-ghost\n")
            let run = try await dir.segctl(["validate", "--remote"], server: server)
            #expect(run.status == 1)
            #expect(run.stdout.contains("segments/a.yaml:4:5: error: user ID 'user-ghost' does not exist"))
        }
    }

    @Test func invalidFilesNeverReachTheNetwork() async throws {
        let dir = try Workdir()
        try dir.write("segments/a.yaml", "name: [broken\n")
        let run = try await dir.segctl(["plan", "--api-url", "http://127.0.0.1:1"], environment: ["SEGMENTS_API_TOKEN": "x"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("segments/a.yaml:2:1: error:"))
        #expect(run.stderr.contains("the segment files are invalid"))
        #expect(!run.all.contains("connect"))
    }

    @Test func nonsenseTimeoutsAreUsageErrors() async throws {
        let dir = try Workdir()
        for value in ["nan", "inf", "0", "-1", "1e300", "3601"] {
            let run = try await dir.segctl(["plan", "--timeout=\(value)"])
            #expect(run.status == 2, "--timeout \(value)")
            #expect(run.stderr.contains("--timeout must be a number of seconds from 0.1 to 3600"))
        }
    }

    /// Every numeric option has a range; a value outside it (or no number at all) is a usage
    /// error naming the option and its range, before anything is read or sent.
    @Test(arguments: [
        (["plan"], "--connect-timeout", ["0", "601", "nan", "1e300"], "--connect-timeout must be a number of seconds from 0.1 to 600"),
        (["plan"], "--retry-delay", ["-1", "601", "inf"], "--retry-delay must be a number of seconds from 0 to 600"),
        (["plan"], "--max-attempts", ["0", "21", "99999999999999999999"], "--max-attempts"),
        (["plan"], "--max-response-size", ["1KiB", "65GiB", "lots"], "--max-response-size"),
        (["apply", "--auto-approve"], "--parallelism", ["0", "65"], "--parallelism"),
        (["validate"], "--max-file-size", ["0", "4097"], "--max-file-size"),
    ])
    func numericOptionsOutsideTheirRangeAreUsageErrors(command: [String], option: String, values: [String], message: String) async throws {
        let dir = try Workdir()
        for value in values {
            let run = try await dir.segctl(command + ["\(option)=\(value)"])
            #expect(run.status == 2, "\(option) \(value): \(run.all)")
            #expect(run.stderr.contains(message), "\(option) \(value): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func missingTokenNamesTheVariable() async throws {
        let dir = try Workdir()
        try dir.write("segments/a.yaml", "name: a\n")
        let run = try await dir.segctl(["plan"])
        #expect(run.status == 1)
        #expect(run.stderr == "segctl: error: SEGMENTS_API_TOKEN is not set: export the platform API's bearer token in it (api.tokenEnv in segctl.yaml names the variable)\n")
    }

    @Test func theTokenNeverAppearsInAnyOutputOrPlanFile() async throws {
        try await TestServer.with { server in
            let dir = try await applied(server)
            try dir.write("segments/beta-testers.yaml", Self.beta.replacingOccurrences(of: "company-789", with: "company-123"))
            var outputs: [String] = []
            for args in [["plan"], ["plan", "--format", "json", "--out", "p.json"], ["plan", "--format", "markdown"], ["validate", "--remote"], ["apply", "p.json"], ["import", "--all"]] {
                outputs.append(try await dir.segctl(args, server: server).all)
            }
            let wrong = "definitely-wrong-token-6f2d"
            outputs.append(try await dir.segctl(["plan"], server: server, environment: ["SEGMENTS_API_TOKEN": wrong]).all)
            #expect(outputs.last?.contains("401 Unauthorized") == true)
            for output in outputs {
                #expect(!output.contains(TestServer.adminToken))
                #expect(!output.contains(wrong))
            }
            #expect(!(try dir.read("p.json")).contains(TestServer.adminToken))
        }
    }
}
