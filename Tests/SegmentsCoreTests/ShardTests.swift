import Testing
@testable import SegmentsCore
import SegmentsTestSupport

/// ConfigCat segments larger than one segment: the split, its checks, its plans and imports.
struct ShardTests {
    static let config = TargetCatalogue.defaultConfig(for: .configcat)

    static func emails(_ count: Int, from start: Int = 0) -> [String] {
        (start..<start + count).map { "p\($0)@example.com" }
    }

    static func file(_ items: [String], shards: Int?) -> String {
        "name: Beta Users\n" + (shards.map { "shards: \($0)\n" } ?? "") + "comparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue:\n" + items.map { "  - \($0)\n" }.joined()
    }

    static func declarations(_ text: String) -> (segments: [SegmentDeclaration], diagnostics: [String]) {
        let report = Validator(config: config).validate([SourceFile(path: "segments/beta.yaml", text: text)])
        return (report.segments, report.diagnostics.map(Fixtures.describe))
    }

    @Test(arguments: [1, 2, 3, 7, 20, 100])
    func theSplitPartitionsAndOneItemTouchesOneShard(_ count: Int) {
        var generator = SeededRandom(seed: UInt64(count))
        for _ in 0..<20 {
            let items = Set((0..<Int.random(in: 0...300, using: &generator)).map { _ in "u\(UInt32.random(in: 0...UInt32.max, using: &generator))" })
            let shards = Sharding.split(Array(items), count: count)
            #expect(shards.count == count)
            // Measured without splitting, as validation sizes shards: the same sizes, in
            // scalars as ConfigCat counts (an accented item included).
            let measured = Array(items) + ["zoë-\(count)", "名前-\(count)"]
            #expect(Sharding.Measured(measured).sizes(count: count) == Sharding.split(measured, count: count).map {
                Sharding.Size(items: $0.count, joinedLength: $0.joined(separator: ",").unicodeScalars.count)
            })
            #expect(Set(shards.joined()) == items && shards.joined().count == items.count)
            let extra = "new-\(UInt32.random(in: 0...UInt32.max, using: &generator))"
            let grown = Sharding.split(Array(items) + [extra], count: count)
            #expect(zip(shards, grown).filter { Set($0) != Set($1) }.count == (items.contains(extra) ? 0 : 1))
        }
        #expect(Sharding.shard(of: "ana@example.com", count: 4) == Sharding.shard(of: "ana@example.com", count: 4))
    }

    @Test func shardNamesParse() {
        #expect(Sharding.parse("Beta Users [2/4]")! == ("Beta Users", 1, 4))
        for name in ["Beta Users", "Beta Users [5/4]", "Beta Users [0/4]", "Beta Users [02/4]", "[1/2]", "x [1/101]"] {
            #expect(Sharding.parse(name) == nil, "\(name)")
        }
    }

    @Test func eachShardFitsOrTheMessageSaysHowMany() {
        let items = Self.emails(9_000)
        #expect(Self.declarations(Self.file(items, shards: 4)).diagnostics.isEmpty)
        let tooFew = Self.declarations(Self.file(items, shards: 2)).diagnostics
        #expect(tooFew.count == 2)
        #expect(tooFew[0].hasPrefix("error 2:9 shards shard 1 of 2 (Beta Users [1/2]) is "))
        #expect(tooFew[0].hasSuffix("characters joined with commas; ConfigCat allows at most 65535; shards: 3 would fit"))
        #expect(Self.declarations(Self.file(items, shards: nil)).diagnostics == ["error 5:3 comparison-value comparisonValue joined with commas is 160889 characters; ConfigCat allows at most 65535; split the segment with 'shards: 3'"])
        #expect(Self.declarations("name: B\nid: 2b5f0000-0000-0000-0000-000000000000\nshards: 2\ncomparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue: [a]\n").diagnostics == [
            "error 2:5 shards a sharded file cannot pin an id: its 2 segments are found by name ('B [1/2]' ...); remove the 'id' line",
        ])
        #expect(Self.declarations("name: B\nshards: 0\ncomparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue: [a]\n").diagnostics == ["error 2:9 shards 'shards' must be a whole number from 1 to 100, not '0'"])
    }

    func plan(_ text: String, remote: [RemoteSegment], prune: Bool = false) -> Plan {
        Planner(config: Self.config, options: PlanOptions(prune: prune)).plan(desired: Self.declarations(text).segments, remote: remote)
    }

    /// The remote family a file would create.
    func applied(_ items: [String], shards: Int) -> [RemoteSegment] {
        Sharding.split(items, count: shards).enumerated().map { index, list in
            RemoteSegment(id: "id-\(index + 1)-of-\(shards)", updatedAt: "v0", state: SegmentState(name: Sharding.name(of: "Beta Users", index: index, count: shards), fields: [
                "description": .null, "comparisonAttribute": .string("Email"), "comparator": .string("isOneOf"), "comparisonValue": .list(list),
            ]))
        }
    }

    @Test func aNewSplitCreatesEveryShardAndSaysHowToWireThem() {
        let plan = plan(Self.file(Self.emails(9_000), shards: 4), remote: [])
        #expect(plan.changes.map(\.name) == (1...4).map { "Beta Users [\($0)/4]" })
        #expect(plan.changes.allSatisfy { $0.action == .create })
        #expect(plan.changes[0].warnings == ["'Beta Users' is split into 4 shards: every feature-flag rule on it must target every shard ('IS IN SEGMENT' takes one rule per shard, 'IS NOT IN SEGMENT' takes every shard in one rule); wire: Beta Users [1/4] (new), Beta Users [2/4] (new), Beta Users [3/4] (new), Beta Users [4/4] (new)"])
    }

    @Test func addingOneItemUpdatesExactlyOneShard() {
        let items = Self.emails(9_000)
        let plan = plan(Self.file(items + ["newcomer@example.com"], shards: 4), remote: applied(items, shards: 4))
        #expect(plan.changes.count == 1)
        #expect(plan.changes[0].name == Sharding.name(of: "Beta Users", index: Sharding.shard(of: "newcomer@example.com", count: 4), count: 4))
        #expect(plan.changes[0].members.map(\.added) == [["newcomer@example.com"]])
        #expect(plan.changes[0].warnings.isEmpty)
        #expect(plan.unchanged.count == 3)
    }

    @Test func reshardingRenamesCreatesAndDeletesTheSurplusLoudly() {
        let items = Self.emails(9_000)
        let grow = plan(Self.file(items, shards: 5), remote: applied(items, shards: 4))
        #expect(grow.changes.map { "\($0.action) \($0.name)\($0.newName.map { " -> \($0)" } ?? "")" } == [
            "update Beta Users [1/4] -> Beta Users [1/5]", "update Beta Users [2/4] -> Beta Users [2/5]",
            "update Beta Users [3/4] -> Beta Users [3/5]", "update Beta Users [4/4] -> Beta Users [4/5]", "create Beta Users [5/5]",
        ])
        #expect(grow.changes[0].warnings.first?.hasPrefix("'Beta Users' is split into 5 shards (from 4): every feature-flag rule") == true)
        #expect(grow.changes[0].warnings.first?.hasSuffix("wire: Beta Users [1/5] id-1-of-4, Beta Users [2/5] id-2-of-4, Beta Users [3/5] id-3-of-4, Beta Users [4/5] id-4-of-4, Beta Users [5/5] (new)") == true)
        let shrink = plan(Self.file(items, shards: 4), remote: applied(items, shards: 5))
        #expect(shrink.changes.map { "\($0.action) \($0.name)" }.suffix(1) == ["delete Beta Users [5/5]"])
        #expect(shrink.changes.last?.warnings.first == "no longer needed: 'Beta Users' has a different number of shards now")
        #expect(shrink.unmanaged.isEmpty)
    }

    @Test func massRemovalIsJudgedOnTheLogicalSegment() {
        let items = Self.emails(9_000)
        // Unchanged shards (compared list by list) and re-sharding (items moving between
        // shards) remove nothing.
        #expect(plan(Self.file(items, shards: 4), remote: applied(items, shards: 4)).problems.isEmpty)
        #expect(plan(Self.file(items, shards: 5), remote: applied(items, shards: 4)).problems.isEmpty)
        #expect(plan(Self.file(items + ["newcomer@example.com"], shards: 4), remote: applied(items, shards: 4)).problems.isEmpty)
        // Keeping 100 of 9,000 is refused, whether or not the count changes too.
        for shards in [4, 3] {
            let shrunk = plan(Self.file(Array(items.prefix(100)), shards: shards), remote: applied(items, shards: 4))
            #expect(shrunk.problems.map(\.message) == ["refusing to remove 8900 of 9000 members of 'Beta Users' (comparisonValue), more than half; if that is intended, run again with --allow-mass-removal"])
        }
        let allowed = Planner(config: Self.config, options: PlanOptions(allowMassRemoval: true))
            .plan(desired: Self.declarations(Self.file(Array(items.prefix(100)), shards: 4)).segments, remote: applied(items, shards: 4))
        #expect(allowed.problems.isEmpty)
    }

    @Test func importJoinsACompleteFamilyAndPlansNoChanges() async throws {
        let items = Self.emails(9_000)
        let remote = InMemoryRemote(target: .configcat, segments: applied(items, shards: 4) + [
            RemoteSegment(id: "9f0c0000-0000-0000-0000-000000000001", updatedAt: "v0", state: SegmentState(name: "Other [1/2]", fields: ["description": .null, "comparisonAttribute": .string("Email"), "comparator": .string("isOneOf"), "comparisonValue": .list(["a@x.io"])])),
        ])
        let result = try await Import.prepare(Import.Request(all: true, labels: false), contents: RepositoryContents(config: Self.config, files: []), remote: remote)
        #expect(result.writes.map(\.path) == ["segments/beta-users.yaml", "segments/other-1-2.yaml"])
        #expect(result.writes[0].text.hasPrefix("name: Beta Users\nshards: 4\ncomparisonAttribute: Email\n"))
        #expect(result.warnings == ["'Other' looks split into shards, but the family is not complete or its shards differ (Other [1/2]); imported as separate files"])
        let files = RepositoryContents(config: Self.config, files: result.writes.map { SourceFile(path: $0.path, text: $0.text) })
        let session = try await PlanSession.make(files, remote: remote, options: PlanOptions())
        #expect(!session.plan.hasChanges, "\(session.plan.changes.map(\.name))")
    }
}
