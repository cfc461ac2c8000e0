import Testing
@testable import SegmentsCore
import SegmentsTestSupport

struct PlanExecutorTests {
    let config = TargetCatalogue.defaultConfig()

    func plan(_ desired: [SegmentDeclaration], _ remote: InMemoryRemote, options: PlanOptions = PlanOptions(prune: true, allowMassDelete: true)) async throws -> Plan {
        Planner(config: config, options: options).plan(desired: desired, remote: try await remote.listSegments())
    }

    @Test func appliesAndConverges() async throws {
        let remote = InMemoryRemote(segments: [Make.remote("c1", Make.state("a", users: ["user-1"])), Make.remote("c2", Make.state("gone"))])
        let desired = [Make.declaration(Make.state("a", users: ["user-2"])), Make.declaration(Make.state("b"))]
        let report = await PlanExecutor(target: PlatformTarget()).apply(try await plan(desired, remote), to: remote)
        #expect(report.succeeded)
        let again = try await plan(desired, remote)
        #expect(!again.hasChanges)
    }

    @Test func deletesRunAfterCreatesAndUpdates() async throws {
        let remote = InMemoryRemote(segments: [Make.remote("c1", Make.state("a")), Make.remote("c2", Make.state("old"))])
        let desired = [Make.declaration(Make.state("a", users: ["user-1"])), Make.declaration(Make.state("new"))]
        _ = await PlanExecutor(target: PlatformTarget(), parallelism: 8).apply(try await plan(desired, remote), to: remote)
        let calls = await remote.calls.filter { !$0.hasPrefix("get") && $0 != "list" }
        #expect(calls.last == "delete c2")
    }

    @Test func failedCreateSkipsDeletes() async throws {
        let remote = InMemoryRemote(segments: [Make.remote("c1", Make.state("old", users: ["user-1"]))])
        await remote.setFailingCreates(["new"])
        let report = await PlanExecutor(target: PlatformTarget()).apply(try await plan([Make.declaration(Make.state("new", users: ["user-1"]))], remote), to: remote)
        #expect(!report.succeeded)
        let results = report.outcomes.map(\.result)
        #expect(results[0] == .failed("create of new refused"))
        #expect(results[1] == .skipped("not deleted because create of 'new' did not succeed; deletes run only after every create and update succeeded"))
        #expect(await remote.segments["c1"] != nil)
    }

    @Test func remoteEditAfterThePlanIsAConflict() async throws {
        let remote = InMemoryRemote(segments: [Make.remote("c1", Make.state("a"))])
        let plan = try await plan([Make.declaration(Make.state("a", users: ["user-9"]))], remote)
        await remote.touch(id: "c1")
        let report = await PlanExecutor(target: PlatformTarget()).apply(plan, to: remote)
        #expect(report.outcomes[0].result == .conflict("changed remotely since the plan (updatedAt v0 -> v1); not updated; run plan again"))
        #expect(await remote.segments["c1"]?.state["userIds"] == .list([]))
    }

    @Test func lostCreateResponseIsConfirmedNotRetried() async throws {
        let remote = InMemoryRemote()
        await remote.setCreateFaults([.lostResponse])
        let report = await PlanExecutor(target: PlatformTarget(), settleDelay: 0).apply(try await plan([Make.declaration(Make.state("a"))], remote), to: remote)
        #expect(report.outcomes[0].result == .done("confirmed by re-reading the segment list after: POST: no response within the timeout"))
        #expect(await remote.segments.count == 1)
        #expect(await remote.calls.filter { $0.hasPrefix("create") }.count == 1)
    }

    @Test func lostCreateRequestIsRetriedOnce() async throws {
        let remote = InMemoryRemote()
        await remote.setCreateFaults([.lostRequest])
        let report = await PlanExecutor(target: PlatformTarget(), settleDelay: 0).apply(try await plan([Make.declaration(Make.state("a"))], remote), to: remote)
        #expect(report.outcomes[0].result == .done("created on try 2, after an ambiguous failure"))
        #expect(await remote.segments.count == 1)
    }

    @Test func ambiguousCreateIsNotRetriedWhereNamesAreNotUnique() async throws {
        let remote = InMemoryRemote(target: .configcat)
        await remote.setCreateFaults([.lostRequest])
        let state = SegmentState(name: "Beta", fields: [:])
        let plan = Plan(target: .configcat, changes: [Change(action: .create, name: "Beta", desired: state)], unchanged: [], unmanaged: [], problems: [], notices: [], options: PlanOptions(), fingerprint: RemoteFingerprint([]))
        let report = await PlanExecutor(target: ConfigCatTarget(), settleDelay: 0).apply(plan, to: remote)
        guard case .failed(let message) = report.outcomes[0].result else {
            Issue.record("expected a failure, got \(report.outcomes[0].result)")
            return
        }
        #expect(message.contains("segctl does not retry, since this API allows duplicate names"))
        #expect(await remote.calls.filter { $0.hasPrefix("create") }.count == 1)
    }

    @Test func aDeleteThatFreesANameWaitsForTheRenameToBePossible() async throws {
        let remote = InMemoryRemote(segments: [Make.remote("c1", Make.state("a")), Make.remote("c2", Make.state("b")), Make.remote("c3", Make.state("z"))])
        let desired = [Make.declaration(Make.state("b"), id: "c1"), Make.declaration(Make.state("z"))]
        let plan = try await plan(desired, remote)
        await remote.touch(id: "c1")
        let report = await PlanExecutor(target: PlatformTarget()).apply(plan, to: remote)
        let delete = report.outcomes.first { $0.change.action == .delete }!
        guard case .conflict(let message) = delete.result else {
            Issue.record("expected the delete to be held back, got \(delete.result)")
            return
        }
        #expect(message.hasPrefix("not deleted, because 'a', which is to take its name, changed remotely since the plan"))
        #expect(await remote.segments["c2"] != nil, "the segment holding the name is still there")
    }

    @Test func renameIntoFreedNameRunsAfterTheDelete() async throws {
        let remote = InMemoryRemote(segments: [Make.remote("c1", Make.state("a")), Make.remote("c2", Make.state("b")), Make.remote("c3", Make.state("z"))])
        let desired = [Make.declaration(Make.state("b"), id: "c1"), Make.declaration(Make.state("z"))]
        let report = await PlanExecutor(target: PlatformTarget(), parallelism: 8).apply(try await plan(desired, remote), to: remote)
        #expect(report.succeeded)
        #expect(await remote.segments.values.map(\.name).sorted() == ["b", "z"])
    }
}

/// For random desired and remote states, applying the plan yields the desired state and
/// planning again finds nothing to do.
struct PlannerPropertyTests {
    @Test(arguments: 0..<40)
    func applyingThePlanReachesTheDesiredState(seed: Int) async throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 1)
        let names = (0..<8).map { "s\($0)" }
        let people = (0..<12).map { "user-\($0)" }
        func randomState(_ name: String) -> SegmentState {
            Make.state(name, users: people.filter { _ in Bool.random(using: &random) },
                       companies: Bool.random(using: &random) ? ["company-1"] : [],
                       description: Bool.random(using: &random) ? "d\(Int.random(in: 0..<3, using: &random))" : nil,
                       active: Bool.random(using: &random))
        }
        let remoteSegments = names.filter { _ in Bool.random(using: &random) }.enumerated().map { index, name in
            Make.remote("c\(index)", randomState(name), version: "v0")
        }
        var desired: [SegmentDeclaration] = []
        for name in names where Bool.random(using: &random) {
            let pinned = remoteSegments.first { $0.name == name && Bool.random(using: &random) }?.id
            let renamed = pinned != nil && Bool.random(using: &random) ? name + "-renamed" : name
            desired.append(Make.declaration(randomState(renamed), id: pinned))
        }
        let remote = InMemoryRemote(segments: remoteSegments)
        let planner = Planner(config: TargetCatalogue.defaultConfig(), options: PlanOptions(prune: true, allowMassDelete: true))
        let plan = planner.plan(desired: desired, remote: remoteSegments)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        let report = await PlanExecutor(target: PlatformTarget(), parallelism: 3).apply(plan, to: remote)
        #expect(report.succeeded, "\(report.outcomes.map(\.result))")
        let after = try await remote.listSegments()
        #expect(Self.normalized(after.map(\.state)) == Self.normalized(desired.map(\.state)))
        #expect(!planner.plan(desired: desired, remote: after).hasChanges)
    }

    static func normalized(_ states: [SegmentState]) -> [String] {
        states.map { state in
            let fields = state.fields.keys.sorted().map { key -> String in
                if case .list(let items) = state[key] { return "\(key)=\(Set(items).sorted())" }
                return "\(key)=\(state[key])"
            }
            return "\(state.name) \(fields)"
        }.sorted()
    }
}
