import Foundation
import SegmentsClient
import SegmentsCore
import SegmentsTestSupport
import Testing

/// Counts the requests and times the listing a plan makes against ConfigCat (the list call,
/// then one GET per segment the cache does not hold at its listed version), for N segments:
/// the first plan, a warm plan, a plan after K segments changed remotely, and a plan without
/// the cache. Run by `scripts/bench-configcat`; skipped in ordinary test runs. (ConfigCat
/// segments have no labels to look up, so listing is all the requests of a plan.)
struct ConfigCatRequestBenchmark {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["SEGCTL_BENCH_CONFIGCAT_SEGMENTS"] != nil))
    func requestsPerPlan() async throws {
        let count = Int(Self.environment["SEGCTL_BENCH_CONFIGCAT_SEGMENTS"] ?? "") ?? 1_000
        let edited = min(count, Int(Self.environment["SEGCTL_BENCH_CONFIGCAT_EDITED"] ?? "") ?? 10)
        try await ConfigCatTestServer.with { server in
            let ids = await ConfigCatCacheTests.populate(server, count: count)
            let directory = try ConfigCatCacheTests.cacheDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let cached = try ConfigCatCacheTests().client(server, cacheDirectory: directory)
            let uncached = try ConfigCatCacheTests().client(server, cacheDirectory: nil)

            func plan(_ what: String, _ api: ConfigCatSegmentsClient) async throws -> Int {
                let before = await server.store.requestCount
                let clock = ContinuousClock()
                let started = clock.now
                let segments = try await api.listSegments()
                let elapsed = clock.now - started
                let requests = await server.store.requestCount - before
                #expect(segments.count == count)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                print(String(format: "bench-configcat: %d segments, %@: %d request%@, %.3f s", count, what, requests, requests == 1 ? "" : "s", seconds))
                return requests
            }
            #expect(try await plan("first plan (empty cache)", cached) == 1 + count)
            #expect(try await plan("warm plan", cached) == 1)
            for id in ids.prefix(edited) { await server.store.edit(id, value: "edited-\(id)@example.com") }
            #expect(try await plan("plan after \(edited) changed remotely", cached) == 1 + edited)
            #expect(try await plan("plan without the cache (--no-cache)", uncached) == 1 + count)
        }
    }
}
