import Foundation
import SegmentsTestSupport
import Testing

/// Members that expire, end to end: an expiry passing between two plans, pruning that keeps
/// comments, and adding for a while.
struct ExpiringMembersTests {
    static let beta = """
        name: beta-testers
        userIds:
          - user-123  # John, permanent
          # trials:
          - {id: user-456, expires: 2026-12-31}  # Ana
        """ + "\n"

    @Test func anExpiryPassingBetweenTwoPlans() async throws {
        try await TestServer.with { server in
            let dir = try Workdir()
            try dir.write("segments/beta.yaml", Self.beta)
            let apply = try await dir.segctl(["apply", "--auto-approve", "--as-of", "2026-12-01"], server: server)
            #expect(apply.status == 0, "\(apply.all)")
            let before = try await dir.segctl(["plan", "--detailed-exitcode", "--as-of", "2026-12-30T23:59:59Z"], server: server)
            #expect(before.status == 0)
            let after = try await dir.segctl(["plan", "--detailed-exitcode", "--as-of", "2027-01-01", "--out", "plan.json"], server: server)
            #expect(after.status == 2)
            #expect(after.stdout.contains("- user-456 (ana@example.com; expired 2026-12-31)"))
            let validate = try await dir.segctl(["validate", "--as-of", "2027-01-01"])
            #expect(validate.stdout.contains("warning: 'user-456' in 'userIds' expired on 2026-12-31 and is no longer a member; remove it with 'segctl members prune-expired beta-testers'"))
            // The saved plan carries its instant: applying it now removes exactly what was reviewed.
            let applied = try await dir.segctl(["apply", "plan.json"], server: server)
            #expect(applied.status == 0, "\(applied.all)")
            let converged = try await dir.segctl(["plan", "--detailed-exitcode", "--as-of", "2027-01-01"], server: server)
            #expect(converged.status == 0, "\(converged.all)")
        }
    }

    @Test func pruneExpiredKeepsComments() async throws {
        let dir = try Workdir()
        try dir.write("segments/beta.yaml", Self.beta)
        let none = try await dir.segctl(["members", "prune-expired", "--as-of", "2026-06-01"])
        #expect(none.stdout == "No expired members as of 2026-06-01.\n")
        let prune = try await dir.segctl(["members", "prune-expired", "beta-testers", "--as-of", "2027-01-01"])
        #expect(prune.status == 0, "\(prune.all)")
        #expect(prune.stdout == "beta-testers: +0 -1 userIds\n")
        #expect(try dir.read("segments/beta.yaml") == "name: beta-testers\nuserIds:\n  - user-123  # John, permanent\n  # trials:\n")
    }

    @Test func addForAWhile() async throws {
        let dir = try Workdir()
        try dir.write("segments/beta.yaml", Self.beta)
        let add = try await dir.segctl(["members", "add", "beta-testers", "user-789", "--for", "30d"])
        #expect(add.status == 0, "\(add.all)")
        let text = try dir.read("segments/beta.yaml")
        #expect(text.contains("  - {id: user-789, expires: 20"))
        let bad = try await dir.segctl(["members", "add", "beta-testers", "user-1", "--for", "soon"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--for takes a duration such as 90m, 12h, 30d or 2w, not 'soon'"))
    }
}
