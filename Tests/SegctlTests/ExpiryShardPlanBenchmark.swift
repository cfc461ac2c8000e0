import Foundation
import SegmentsTestSupport
import Testing

/// What expiring items and shards cost a plan: `segctl plan` (nothing to change) on 100,000
/// IDs of which 10% expire (in the future, so the desired state is the same) against the same
/// IDs without expiries, on segments-server; and on one ConfigCat segment of 30,000 items in
/// 20 shards against the same items in 20 plain segments, on the ConfigCat test server. Prints
/// the median of `SEGCTL_BENCH_RUNS` plans (default 5) of each and the ratios; the target is
/// 1.2x at most. Run by `scripts/bench-expiry-shards`; skipped in ordinary test runs.
struct ExpiryShardPlanBenchmark {
    static let environment = ProcessInfo.processInfo.environment
    static let enabled = environment["SEGCTL_BENCH_EXPIRY_SHARDS"] != nil
    static let runs = max(1, Int(environment["SEGCTL_BENCH_RUNS"] ?? "") ?? 5)

    /// The median wall time of `runs` plans that must find nothing to change.
    static func medianPlan(_ what: String, _ plan: () async throws -> CLI.Run) async throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let started = ContinuousClock.now
            let run = try await plan()
            let elapsed = ContinuousClock.now - started
            #expect(run.status == 0, "\(what): \(run.all.prefix(600))")
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let median = times.sorted()[times.count / 2]
        print(String(format: "bench-expiry-shards: %@: plan %.3f s (median of %d)", what, median, runs))
        return median
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
            let dir = try Workdir()
            try dir.write("segments/big.yaml", plain)
            let apply = try await dir.segctl(["apply", "--auto-approve", "--no-labels"], server: server)
            #expect(apply.status == 0, "\(apply.all.prefix(600))")
            let without = try await Self.medianPlan("100,000 IDs, no expiries") {
                try await dir.segctl(["plan", "--detailed-exitcode", "--no-labels"], server: server)
            }
            try dir.write("segments/big.yaml", expiring)
            let with = try await Self.medianPlan("100,000 IDs, 10% expiring") {
                try await dir.segctl(["plan", "--detailed-exitcode", "--no-labels"], server: server)
            }
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
        var environment = ConfigCatTests.environment
        let sharded = try await ConfigCatTestServer.with { server in
            let dir = try Workdir(config: config(server))
            environment["XDG_CACHE_HOME"] = dir.root + "/.cache"
            try dir.write("segments/beta.yaml", "name: Beta Users\nshards: 20\n" + body(items))
            let apply = try await dir.segctl(["apply", "--auto-approve", "--retry-delay", "0.01"], environment: environment)
            #expect(apply.status == 0, "\(apply.all.prefix(600))")
            return try await Self.medianPlan("30,000 items in 20 shards") {
                try await dir.segctl(["plan", "--detailed-exitcode"], environment: environment)
            }
        }
        let plain = try await ConfigCatTestServer.with { server in
            let dir = try Workdir(config: config(server))
            environment["XDG_CACHE_HOME"] = dir.root + "/.cache"
            for part in 0..<20 {
                try dir.write("segments/beta-\(part).yaml", "name: Beta Users part \(part)\n" + body(items[part * 1_500..<(part + 1) * 1_500]))
            }
            let apply = try await dir.segctl(["apply", "--auto-approve", "--retry-delay", "0.01"], environment: environment)
            #expect(apply.status == 0, "\(apply.all.prefix(600))")
            return try await Self.medianPlan("the same items in 20 plain segments") {
                try await dir.segctl(["plan", "--detailed-exitcode"], environment: environment)
            }
        }
        Self.report("shards", sharded, plain)
    }
}
