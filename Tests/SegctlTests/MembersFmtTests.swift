import Foundation
import SegmentsTestSupport
import Testing

/// members and fmt run as users run them: what they print, what they write, and that a
/// refusal leaves the file byte for byte as it was.
struct MembersFmtTests {
    static let beta = """
        # Beta testers: kept in sync by the nightly job.
        name: beta-testers
        userIds:
          - user-1      # Jane
          - user-3

        companyIds: [company-1]

        """

    @Test func addRemoveSetAndDryRun() async throws {
        let dir = try Workdir()
        try dir.write("segments/beta.yaml", Self.beta)
        let add = try await dir.segctl(["members", "add", "beta-testers", "user-2", "user-9"])
        #expect(add.status == 0)
        #expect(add.stdout == "beta-testers: +2 -0 userIds\n")
        #expect(try dir.read("segments/beta.yaml") == Self.beta.replacingOccurrences(of: "  - user-3\n", with: "  - user-2\n  - user-3\n  - user-9\n"))
        let remove = try await dir.segctl(["members", "remove", "beta-testers", "user-3", "user-404"])
        #expect(remove.stdout == "beta-testers: +0 -1 userIds\n")
        #expect(remove.stderr == "segctl: warning: 'user-404' is not in userIds\n")
        let before = try dir.read("segments/beta.yaml")
        let dry = try await dir.segctl(["members", "set", "beta-testers", "--stdin", "--dry-run"], input: "# nightly\nuser-1\n\nuser-5\nuser-5\n")
        #expect(dry.stdout == "beta-testers: +1 -2 userIds (dry run; segments/beta.yaml not changed)\n  + user-5\n  - user-2\n  - user-9\n")
        #expect(try dir.read("segments/beta.yaml") == before)
        let companies = try await dir.segctl(["members", "add", "--companies", "beta-testers", "company-0"])
        #expect(companies.stdout == "beta-testers: +1 -0 companyIds\n")
        #expect(try dir.read("segments/beta.yaml").contains("companyIds: [company-0, company-1]\n"))
    }

    @Test func refusalsLeaveTheFileUnchanged() async throws {
        let dir = try Workdir()
        try dir.write("segments/beta.yaml", Self.beta)
        let original = try dir.read("segments/beta.yaml")
        let badID = try await dir.segctl(["members", "add", "beta-testers", "user-ok", "usr-bad"])
        #expect(badID.status == 1)
        #expect(badID.stderr == "segctl: error: argument 2: user ID 'usr-bad' does not match the user ID format '^user-[A-Za-z0-9_-]+$' (idFormats.user)\nsegctl: error: refusing to edit: 1 invalid ID; nothing was changed\n")
        let fromFile = try await dir.segctl(["members", "set", "beta-testers", "--stdin"], input: "user-1\nnot an id\n")
        #expect(fromFile.status == 1)
        #expect(fromFile.stderr.hasPrefix("segctl: error: standard input:2: user ID 'not an id' does not match"))
        let unknown = try await dir.segctl(["members", "add", "beta-tester", "user-2"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "segctl: error: no segment file declares 'beta-tester'; did you mean 'beta-testers'?\n")
        #expect(try dir.read("segments/beta.yaml") == original)
        try dir.write("segments/broken.yaml", "name: broken\nuserIds: [user-1\n")
        let broken = try await dir.segctl(["members", "add", "broken", "user-2"])
        #expect(broken.status == 1)
        #expect(try dir.read("segments/broken.yaml") == "name: broken\nuserIds: [user-1\n")
        let fmt = try await dir.segctl(["fmt"])
        #expect(fmt.status == 1)
        #expect(fmt.stderr.contains("segments/broken.yaml:3:1: did not find expected ',' or ']'"))
        #expect(try dir.read("segments/broken.yaml") == "name: broken\nuserIds: [user-1\n")
    }

    @Test func listCapIsEnforcedBeforeWriting() async throws {
        try await ConfigCatTestServer.with { server in
            let dir = try Workdir(config: "api:\n  kind: configcat\n  productId: \(ConfigCatTestServer.productID)\nlimits:\n  listItems: 3\n")
            let text = "name: Beta Users\ncomparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue:\n  - a@example.com\n"
            try dir.write("segments/beta.yaml", text)
            let run = try await dir.segctl(["members", "set", "Beta Users", "--stdin", "--allow-mass-removal"], input: "a@x.io\nb@x.io\nc@x.io\nd@x.io\n")
            #expect(run.status == 1)
            #expect(run.stderr.contains("comparisonValue has 4 items; the subscription plan allows 3 (limits.listItems); split the segment with 'shards: 2'"))
            #expect(run.stderr.contains("the file was not changed"))
            #expect(try dir.read("segments/beta.yaml") == text)
        }
    }

    @Test func fmtCheckListsAndFmtRewritesOnce() async throws {
        let dir = try Workdir()
        try dir.write("segments/beta.yaml", Self.beta)
        try dir.write("segments/clean.yaml", "name: clean\nuserIds:\n  - user-1\n")
        let check = try await dir.segctl(["fmt", "--check"])
        #expect(check.status == 1)
        #expect(check.stdout == "segments/beta.yaml\n")
        #expect(try dir.read("segments/beta.yaml") == Self.beta)
        let fmt = try await dir.segctl(["fmt"])
        #expect(fmt.status == 0)
        #expect(fmt.stdout == "formatted segments/beta.yaml\n")
        #expect(try dir.read("segments/beta.yaml") == "# Beta testers: kept in sync by the nightly job.\nname: beta-testers\nuserIds:\n  - user-1  # Jane\n  - user-3\ncompanyIds:\n  - company-1\n")
        let again = try await dir.segctl(["fmt", "--check"])
        #expect(again.status == 0)
        #expect(again.stdout.isEmpty)
        let one = try await dir.segctl(["fmt", "--check", "segments/clean.yaml"])
        #expect(one.status == 0)
    }
}
