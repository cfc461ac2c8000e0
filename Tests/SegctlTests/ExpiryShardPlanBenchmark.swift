import Foundation
import SegmentsTestSupport
import Testing

/// What expiring items and shards cost a plan: `segctl plan` (nothing to change) on 100,000
/// IDs of which 10% expire (in the future, so the desired state is the same) against the same
/// IDs without expiries, on segments-server; and on one ConfigCat segment of 30,000 items in
/// 20 shards against the same items in 20 plain segments, on the ConfigCat test server. Prints
/// the median of `SEGCTL_BENCH_RUNS` plans (default 5) of each and the ratios; the target is
/// 1.2x at most. The two tests run one after the other, never beside each other, and each
/// alternates its two cases. Run by `scripts/bench-expiry-shards`; skipped in ordinary test runs.
@Suite(.serialized)
struct ExpiryShardPlanBenchmark {
    static let environment = ProcessInfo.processInfo.environment
    static let enabled = environment["SEGCTL_BENCH_EXPIRY_SHARDS"] != nil
    static let runs = max(1, Int(environment["SEGCTL_BENCH_RUNS"] ?? "") ?? 5)

    /// The median wall times of `runs` plans of each of two cases, which must find nothing to
    /// change. The plans alternate (with, without, with, ...), so a change in the machine's load
    /// falls on both cases alike.
    static func medianPlans(
        _ with: (String, () async throws -> CLI.Run), _ without: (String, () async throws -> CLI.Run)
    ) async throws -> (with: Double, without: Double) {
        var times: [[Double]] = [[], []]
        for _ in 0..<runs {
            for (slot, (what, plan)) in [with, without].enumerated() {
                let started = ContinuousClock.now
                let run = try await plan()
                let elapsed = ContinuousClock.now - started
                #expect(run.status == 0, "\(what): \(run.all.prefix(600))")
                times[slot].append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
        }
        let medians = times.map { $0.sorted()[$0.count / 2] }
        for (slot, (what, _)) in [with, without].enumerated() {
            print(String(format: "bench-expiry-shards: %@: plan %.3f s (median of %d)", what, medians[slot], runs))
        }
        return (medians[0], medians[1])
    }

    static func report(_ what: String, _ with: Double, _ without: Double) {
        let ratio = with / without
        print(String(format: "bench-expiry-shards: %@: %.2fx (target <= 1.2x: %@)", what, ratio, ratio <= 1.2 ? "met" : "MISSED"))
    }

    @Test(.enabled(if: enabled))
    func expiringItems() async throws {
        let ids = (0..<100_000).map { "user-\($0)" }
        let plain = "name: big\nuserIds:\n" + ids.map { "  - \($0)\n" }.joined()
        let expiring = "name: big\nuserIds:\n" + ids.enumerated().map { index, id in
            index % 10 == 0 ? "  - {id: \(id), expires: 2099-12-31}\n" : "  - \(id)\n"
        }.joined()
        try await TestServer.with { server in
            let plainDir = try Workdir()
            try plainDir.write("segments/big.yaml", plain)
            let apply = try await plainDir.segctl(["apply", "--auto-approve", "--no-labels"], server: server)
            #expect(apply.status == 0, "\(apply.all.prefix(600))")
            let expiringDir = try Workdir()
            try expiringDir.write("segments/big.yaml", expiring)
            let (with, without) = try await Self.medianPlans(
                ("100,000 IDs, 10% expiring", { try await expiringDir.segctl(["plan", "--detailed-exitcode", "--no-labels"], server: server) }),
                ("100,000 IDs, no expiries", { try await plainDir.segctl(["plan", "--detailed-exitcode", "--no-labels"], server: server) }))
            Self.report("expiring items", with, without)
        }
    }

    @Test(.enabled(if: enabled))
    func shards() async throws {
        let items = (0..<30_000).map { "p\($0)@example.com" }
        func config(_ server: ConfigCatTestServer) -> String {
            "directory: segments\napi:\n  kind: configcat\n  url: \(server.baseURL)\n  productId: \(ConfigCatTestServer.productID)\nlimits:\n  listItems: 15000\n"
        }
        func body(_ items: some Sequence<String>) -> String {
            "comparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue:\n" + items.map { "  - \($0)\n" }.joined()
        }
        var shardedEnvironment = ConfigCatTests.environment
        var plainEnvironment = shardedEnvironment
        try await ConfigCatTestServer.with { shardedServer in
            try await ConfigCatTestServer.with { plainServer in
                let shardedDir = try Workdir(config: config(shardedServer))
                shardedEnvironment["XDG_CACHE_HOME"] = shardedDir.root + "/.cache"
                try shardedDir.write("segments/beta.yaml", "name: Beta Users\nshards: 20\n" + body(items))
                let plainDir = try Workdir(config: config(plainServer))
                plainEnvironment["XDG_CACHE_HOME"] = plainDir.root + "/.cache"
                for part in 0..<20 {
                    try plainDir.write("segments/beta-\(part).yaml", "name: Beta Users part \(part)\n" + body(items[part * 1_500..<(part + 1) * 1_500]))
                }
                for (dir, environment) in [(shardedDir, shardedEnvironment), (plainDir, plainEnvironment)] {
                    let apply = try await dir.segctl(["apply", "--auto-approve", "--retry-delay", "0.01"], environment: environment)
                    #expect(apply.status == 0, "\(apply.all.prefix(600))")
                }
                let (with, without) = try await Self.medianPlans(
                    ("30,000 items in 20 shards", { try await shardedDir.segctl(["plan", "--detailed-exitcode"], environment: shardedEnvironment) }),
                    ("the same items in 20 plain segments", { try await plainDir.segctl(["plan", "--detailed-exitcode"], environment: plainEnvironment) }))
                Self.report("shards", with, without)
            }
        }
    }
}
