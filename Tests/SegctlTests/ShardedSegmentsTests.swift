import Foundation
import SegmentsTestSupport
import Testing

/// A ConfigCat segment larger than one segment, end to end against the ConfigCat-compatible
/// server: 9,000 addresses in 4 shards, one more touching exactly one shard, re-sharding from
/// 4 to 5, and importing a shard family back.
struct ShardedSegmentsTests {
    static let addresses = (0..<9_000).map { "p\($0)@example.com" }

    static func file(_ items: [String], shards: Int) -> String {
        "name: Beta Users\nshards: \(shards)\ncomparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue:\n" + items.map { "  - \($0)\n" }.joined()
    }

    func workdir(_ server: ConfigCatTestServer) throws -> Workdir {
        try Workdir(config: "directory: segments\napi:\n  kind: configcat\n  url: \(server.baseURL)\n  productId: \(ConfigCatTestServer.productID)\n")
    }

    func segctl(_ dir: Workdir, _ args: [String]) async throws -> CLI.Run {
        try await dir.segctl(args + ["--retry-delay", "0.01"], environment: ConfigCatTests.environment)
    }

    @Test func shardsApplyGrowByOneAndReshard() async throws {
        try await ConfigCatTestServer.with { server in
            let dir = try workdir(server)
            try dir.write("segments/beta.yaml", Self.file(Self.addresses, shards: 4))
            let apply = try await segctl(dir, ["apply", "--auto-approve"])
            #expect(apply.status == 0, "\(apply.all)")
            #expect(apply.stdout.contains("! 'Beta Users' is split into 4 shards: every feature-flag rule on it must target every shard"))
            let stored = await server.store.segments.values.map(\.name).sorted()
            #expect(stored == (1...4).map { "Beta Users [\($0)/4]" })
            let versions = await server.store.segments.mapValues(\.updatedAt)
            // One more address: exactly one shard changes.
            try dir.write("segments/beta.yaml", Self.file(Self.addresses + ["newcomer@example.com"], shards: 4))
            let grow = try await segctl(dir, ["apply", "--auto-approve"])
            #expect(grow.status == 0, "\(grow.all)")
            #expect(grow.stdout.contains("Apply complete: 0 created, 1 updated, 0 deleted."))
            let after = await server.store.segments.mapValues(\.updatedAt)
            #expect(after.filter { versions[$0.key] != $0.value }.count == 1)
            // Re-sharding renames the four shards in place and creates the fifth.
            try dir.write("segments/beta.yaml", Self.file(Self.addresses, shards: 5))
            let plan = try await segctl(dir, ["plan"])
            #expect(plan.stdout.contains("'Beta Users' is split into 5 shards (from 4)"))
            #expect(plan.stdout.contains("Plan: 1 to create, 4 to update, 0 to delete."))
            let reshard = try await segctl(dir, ["apply", "--auto-approve"])
            #expect(reshard.status == 0, "\(reshard.all)")
            #expect(await server.store.segments.values.map(\.name).sorted() == (1...5).map { "Beta Users [\($0)/5]" })
            #expect(Set(await server.store.segments.keys).isSuperset(of: versions.keys), "the old shards keep their ids")
            let converged = try await segctl(dir, ["plan", "--detailed-exitcode"])
            #expect(converged.status == 0, "\(converged.all)")
            // A fresh repository adopts the family as one file.
            let adopter = try workdir(server)
            let imported = try await segctl(adopter, ["import", "--all"])
            #expect(imported.status == 0, "\(imported.all)")
            #expect(imported.stdout.contains("imported 'Beta Users' (5 shards) -> segments/beta-users.yaml"))
            #expect(try adopter.read("segments/beta-users.yaml").hasPrefix("name: Beta Users\nshards: 5\n"))
            let none = try await segctl(adopter, ["plan", "--detailed-exitcode"])
            #expect(none.status == 0, "\(none.all)")
        }
    }
}
