import Foundation
import SegmentsTestSupport
import Testing

/// The seed's scenario against the ConfigCat-compatible server: a dynamic list of beta users
/// in a file, planned member by member, applied within rate limits, then nothing to do.
struct ConfigCatTests {
    static let environment = [
        "CONFIGCAT_API_USER": ConfigCatTestServer.user,
        "CONFIGCAT_API_PASSWORD": ConfigCatTestServer.password,
    ]

    func workdir(_ server: ConfigCatTestServer, limits: String = "") throws -> Workdir {
        try Workdir(config: """
            directory: segments
            api:
              kind: configcat
              url: \(server.baseURL)
              productId: \(ConfigCatTestServer.productID)
            \(limits)
            """)
    }

    func segctl(_ dir: Workdir, _ args: [String]) async throws -> CLI.Run {
        try await dir.segctl(args + ["--retry-delay", "0.01"], environment: Self.environment)
    }

    static let betaUsers = """
        name: Beta Users
        description: Active participants in our beta testing program
        comparisonAttribute: Email
        comparator: isOneOf
        comparisonValue:
          - ana@example.com
          - john@example.com
        """

    @Test func dynamicBetaUsersScenario() async throws {
        try await ConfigCatTestServer.with(limits: .init(requestsPerWindow: 4, windowSeconds: 1)) { server in
            let dir = try workdir(server)
            try dir.write("segments/beta-users.yaml", Self.betaUsers)
            let first = try await segctl(dir, ["apply", "--auto-approve"])
            #expect(first.status == 0, "\(first.all)")
            #expect(first.stdout.contains("+ created Beta Users"))
            // The daily job rewrites the list; review shows the member-level change.
            let set = try await dir.segctl(["members", "set", "Beta Users", "--stdin"], environment: Self.environment, input: "ana@example.com\nmaria@example.com\nomar@example.com\n")
            #expect(set.stdout == "Beta Users: +2 -1 comparisonValue\n")
            let plan = try await segctl(dir, ["plan"])
            #expect(plan.status == 0)
            #expect(plan.stdout.contains("~ comparisonValue: +2 -1 (2 -> 3)\n          + maria@example.com\n          + omar@example.com\n          - john@example.com\n"))
            // Who changed the remote last, from ConfigCat's lastUpdaterEmail.
            #expect(plan.stdout.contains("last changed remotely 2025-12-01T00:00:01.000+00:00 by owner@example.com\n"), "\(plan.stdout)")
            let apply = try await segctl(dir, ["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            let again = try await segctl(dir, ["plan", "--detailed-exitcode"])
            #expect(again.status == 0, "\(again.all)")
            let stored = await server.store.segments.values.first?.comparisonValue
            #expect(stored == "ana@example.com,maria@example.com,omar@example.com")
        }
    }

    @Test func rateLimitedApplyConverges() async throws {
        try await ConfigCatTestServer.with(limits: .init(requestsPerWindow: 3, windowSeconds: 1)) { server in
            let dir = try workdir(server)
            for index in 0..<6 {
                try dir.write("segments/s\(index).yaml", "name: Segment \(index)\ncomparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue: [u\(index)@example.com]\n")
            }
            let apply = try await segctl(dir, ["apply", "--auto-approve", "--parallelism", "6"])
            #expect(apply.status == 0, "\(apply.all)")
            #expect(apply.stdout.hasSuffix("Apply complete: 6 created, 0 updated, 0 deleted.\n"))
            #expect(await server.store.segments.count == 6)
            #expect(try await segctl(dir, ["plan", "--detailed-exitcode"]).status == 0)
        }
    }

    @Test func fifteenThousandItemList() async throws {
        try await ConfigCatTestServer.with { server in
            let dir = try workdir(server, limits: "limits:\n  listItems: 15000\n")
            let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz")
            let items: [String] = (0..<15_000).map { (n: Int) -> String in
                let high: Character = digits[n / 1296]
                let middle: Character = digits[(n / 36) % 36]
                let low: Character = digits[n % 36]
                return String([high, middle, low])
            }
            try dir.write("segments/big.yaml", "name: Big\ncomparisonAttribute: Identifier\ncomparator: isOneOf\ncomparisonValue:\n" + items.map { "  - \($0)\n" }.joined())
            let apply = try await segctl(dir, ["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            #expect(await server.store.segments.values.first?.comparisonValue.split(separator: ",").count == 15_000)
            try dir.write("segments/big.yaml", "name: Big\ncomparisonAttribute: Identifier\ncomparator: isOneOf\ncomparisonValue:\n" + items.dropFirst().map { "  - \($0)\n" }.joined() + "  - zzz\n")
            let plan = try await segctl(dir, ["plan", "--format", "json"])
            #expect(plan.stdout.contains(#""addedCount": 1"#) && plan.stdout.contains(#""removedCount": 1"#))
            #expect(try await segctl(dir, ["apply", "--auto-approve"]).status == 0)
            #expect(try await segctl(dir, ["plan", "--detailed-exitcode"]).status == 0)
            let tooMany = try workdir(server, limits: "limits:\n  listItems: 1000\n")
            try tooMany.write("segments/big.yaml", try dir.read("segments/big.yaml"))
            let refused = try await segctl(tooMany, ["validate"])
            #expect(refused.status == 1)
            #expect(refused.stdout.contains("comparisonValue has 15000 items; the subscription plan allows 1000 (limits.listItems); split the segment with 'shards: 16'"))
        }
    }

    @Test func sensitiveValuesAreNeverPrinted() async throws {
        try await ConfigCatTestServer.with { server in
            let dir = try workdir(server)
            try dir.write("segments/hashed.yaml", "name: Hashed\ncomparisonAttribute: Email\ncomparator: sensitiveIsOneOf\ncomparisonValue:\n  - secret-aaa\n  - secret-bbb\n")
            var outputs = [try await segctl(dir, ["plan"]).all, try await segctl(dir, ["apply", "--auto-approve"]).all]
            try dir.write("segments/hashed.yaml", "name: Hashed\ncomparisonAttribute: Email\ncomparator: sensitiveIsOneOf\ncomparisonValue:\n  - secret-aaa\n  - secret-ccc\n")
            for format in ["text", "markdown", "json"] {
                outputs.append(try await segctl(dir, ["plan", "--format", format, "--out", "plan.json"]).all)
            }
            outputs.append(try dir.read("plan.json"))
            outputs.append(try await dir.segctl(["members", "add", "Hashed", "secret-ddd", "--dry-run"], environment: Self.environment).all)
            for output in outputs {
                #expect(!output.contains("secret-"), "\(output)")
            }
            #expect(outputs[2].contains("comparisonValue: +1 -1 (2 -> 2) (sensitive values hidden)"))
        }
    }

    @Test func savedPlansGoStaleAndGuardsApply() async throws {
        try await ConfigCatTestServer.with { server in
            let dir = try workdir(server)
            try dir.write("segments/beta-users.yaml", Self.betaUsers)
            #expect(try await segctl(dir, ["plan", "--out", "plan.json"]).status == 0)
            let id = await server.store.insert(name: "Dashboard made", value: "x")
            let stale = try await segctl(dir, ["apply", "plan.json"])
            #expect(stale.status == 1)
            #expect(stale.stderr.contains("segment 'Dashboard made' (\(id)) was created remotely"))
            #expect(await server.store.segments.count == 1)
            #expect(try await segctl(dir, ["plan", "--out", "plan.json"]).status == 0)
            let apply = try await segctl(dir, ["apply", "plan.json"])
            #expect(apply.status == 0, "\(apply.all)")
            try dir.remove("segments/beta-users.yaml")
            let mass = try await segctl(dir, ["plan", "--prune"])
            #expect(mass.status == 1)
            #expect(mass.stdout.contains("refusing to delete all 2 remote segments (more than half)"))
        }
    }

    @Test func deletingASegmentInUseNeedsPermission() async throws {
        try await ConfigCatTestServer.with { server in
            let dir = try workdir(server)
            try dir.write("segments/keep.yaml", "name: Keep\ncomparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue: [a]\n")
            #expect(try await segctl(dir, ["apply", "--auto-approve"]).status == 0)
            let id = await server.store.insert(name: "Used", value: "x")
            await server.store.setUsage(3, of: id)
            let plan = try await segctl(dir, ["plan", "--prune"])
            #expect(plan.status == 1)
            #expect(plan.stdout.contains("refusing to delete 'Used' (\(id)): 3 feature flags use it (usage 3); remove it from those flags first, or run again with --allow-delete-in-use"))
            let allowed = try await segctl(dir, ["apply", "--prune", "--allow-delete-in-use", "--auto-approve"])
            #expect(allowed.status == 0, "\(allowed.all)")
            #expect(await server.store.segments[id] == nil)
        }
    }

    @Test func importThenPlanShowsNoChanges() async throws {
        try await ConfigCatTestServer.with { server in
            await server.store.insert(name: "Beta Users", value: "b@example.com,a@example.com", description: "From the dashboard")
            await server.store.insert(name: "Power users", attribute: "Sessions", comparator: "numberGreater", value: "50")
            let dir = try workdir(server)
            let run = try await segctl(dir, ["import", "--all"])
            #expect(run.status == 0, "\(run.all)")
            let text = try dir.read("segments/beta-users.yaml")
            #expect(text.hasPrefix("name: Beta Users\nid: "))
            #expect(text.hasSuffix("description: From the dashboard\ncomparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue:\n  - a@example.com\n  - b@example.com\n"))
            #expect(try dir.read("segments/power-users.yaml").hasSuffix("comparator: numberGreater\ncomparisonValue: \"50\"\n"))
            #expect(try await segctl(dir, ["plan", "--detailed-exitcode"]).status == 0)
        }
    }
}
