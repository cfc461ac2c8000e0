import Foundation
import SegmentsTestSupport
import Testing

/// segctl asks segments-server for the labels it prints, and for no others: every ID for
/// JSON, the first hundred of a long list for text, what the job summary shows in GitHub
/// Actions. Labels are asked for in batches of 1,000.
struct LabelRequestTests {
    /// 3 IDs the development directory knows, then 2,497 it does not: sorted, the known ones
    /// come first, within the hundred the text format lists.
    static let segment = "name: wide\nuserIds:\n" + (["user-123", "user-456", "user-789"] + (0..<2_497).map { "user-x\(10_000 + $0)" }).map { "  - \($0)\n" }.joined()

    func plan(_ dir: Workdir, _ proxy: FaultProxy, _ arguments: [String], environment: [String: String] = [:]) async throws -> (CLI.Run, [String]) {
        let before = await proxy.script.requests.count
        var env = environment
        env["SEGMENTS_API_TOKEN"] = TestServer.adminToken
        let run = try await dir.segctl(["plan", "--api-url", proxy.baseURL, "--retry-delay", "0.01"] + arguments, environment: env)
        let requests = await proxy.script.requests.dropFirst(before).filter { $0.hasPrefix("POST") && $0.hasSuffix("/resolve-users") }
        return (run, Array(requests))
    }

    @Test func labelsAreLookedUpOnlyForWhatIsPrinted() async throws {
        try await TestServer.withProxy { _, proxy in
            let dir = try Workdir()
            try dir.write("segments/wide.yaml", Self.segment)
            let (text, textLookups) = try await plan(dir, proxy, [])
            #expect(text.status == 0, "\(text.all)")
            #expect(textLookups.count == 1, "the hundred IDs the text lists fit one batch")
            #expect(text.stdout.contains("+ user-123 (john@example.com)\n"))
            #expect(text.stdout.contains("... 2400 more added not shown; see them all with --show-all-members or --format json\n"))

            let (all, allLookups) = try await plan(dir, proxy, ["--show-all-members"])
            #expect(all.status == 0 && allLookups.count == 3, "2,500 IDs take three batches")

            let (json, jsonLookups) = try await plan(dir, proxy, ["--format", "json"])
            #expect(json.status == 0, "\(json.all)")
            #expect(jsonLookups.count == 3, "JSON labels every ID")
            #expect(json.stdout.contains("\"label\": \"john@example.com\""))

            let summary = dir.root + "/summary.md"
            let (summarised, summaryLookups) = try await plan(dir, proxy, ["--format", "text"], environment: ["GITHUB_STEP_SUMMARY": summary])
            #expect(summarised.status == 0 && summaryLookups.count == 1, "text and the markdown job summary both list a hundred")
            #expect(try String(contentsOfFile: summary, encoding: .utf8).contains("+ user-123 (john@example.com)"))

            let (bare, bareLookups) = try await plan(dir, proxy, ["--no-labels"])
            #expect(bare.status == 0 && bareLookups.isEmpty)
            let (redacted, redactedLookups) = try await plan(dir, proxy, ["--format", "json", "--redact-members"])
            #expect(redacted.status == 0 && redactedLookups.isEmpty)
        }
    }

    @Test func aTextPlanOfManySegmentsListsTenThousandIDsAndLabelsThem() async throws {
        try await TestServer.withProxy { _, proxy in
            let dir = try Workdir()
            // 120 new segments of 100 IDs: the first 100 are listed (10,000 IDs), the rest counted.
            for segment in 0..<120 {
                let name = String(format: "s%03d", segment)
                try dir.write("segments/\(name).yaml", "name: \(name)\nuserIds:\n" + (0..<100).map { "  - user-\(segment)-\($0)\n" }.joined())
            }
            let (text, textLookups) = try await plan(dir, proxy, [])
            #expect(text.status == 0, "\(text.all.prefix(600))")
            #expect(text.stdout.split(separator: "\n").count(where: { $0.hasPrefix("          + user-") }) == 10_000)
            #expect(text.stdout.contains("+ create s100  segments/s100.yaml\n      isActive: true\n      userIds: 100 items\n          ... 100 added not shown; see them all with --show-all-members or --format json\n"))
            #expect(textLookups.count == 10, "10,000 IDs take ten batches")

            let (all, allLookups) = try await plan(dir, proxy, ["--show-all-members"])
            #expect(all.status == 0 && allLookups.count == 12, "12,000 IDs take twelve batches")
            #expect(all.stdout.split(separator: "\n").count(where: { $0.hasPrefix("          + user-") }) == 12_000)
        }
    }
}
