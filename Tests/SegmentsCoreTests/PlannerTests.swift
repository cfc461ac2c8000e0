import Testing
@testable import SegmentsCore

struct PlannerTests {
    func plan(_ desired: [SegmentDeclaration], _ remote: [RemoteSegment], options: PlanOptions = PlanOptions(), config: RepositoryConfig = TargetCatalogue.defaultConfig()) -> Plan {
        Planner(config: config, options: options).plan(desired: desired, remote: remote)
    }

    @Test func createUpdateNoopAndUnmanaged() {
        let plan = plan(
            [Make.declaration(Make.state("new", users: ["user-1"])),
             Make.declaration(Make.state("same", users: ["user-1", "user-2"])),
             Make.declaration(Make.state("changed", users: ["user-1", "user-3"], description: "now"))],
            [Make.remote("c1", Make.state("same", users: ["user-2", "user-1", "user-1"])),
             Make.remote("c2", Make.state("changed", users: ["user-1", "user-2"])),
             Make.remote("c3", Make.state("legacy"))])
        #expect(plan.summaryLine == "Plan: 1 to create, 1 to update, 0 to delete.")
        #expect(plan.unchanged == ["same"])
        #expect(plan.unmanaged == [Plan.Unmanaged(id: "c3", name: "legacy")])
        let update = plan.changes.first { $0.action == .update }!
        #expect(update.fields == [Change.FieldChange(key: "description", before: .null, after: .string("now"))])
        #expect(update.members == [Change.MemberChange(key: "userIds", kind: .user, added: ["user-3"], removed: ["user-2"], countBefore: 2, countAfter: 2)])
        #expect(update.expectedUpdatedAt == "v0")
        #expect(plan.problems.isEmpty)
    }

    @Test func renameWithPinnedIDIsAnUpdate() {
        let plan = plan([Make.declaration(Make.state("new-name"), id: "c1")], [Make.remote("c1", Make.state("old-name"))])
        #expect(plan.changes.count == 1)
        #expect(plan.changes[0].action == .update)
        #expect(plan.changes[0].newName == "new-name")
        #expect(plan.changes[0].changedKeys == ["name"])
    }

    @Test func renameWithoutPinIsFlaggedAsProbableRename() {
        let members = ["user-1", "user-2", "user-3"]
        let plan = plan([Make.declaration(Make.state("new-name", users: members))], [Make.remote("c1", Make.state("old-name", users: members))], options: PlanOptions(prune: true, allowMassDelete: true))
        #expect(plan.changes.map(\.action) == [.create, .delete])
        #expect(plan.notices == ["probable rename: 'old-name' is deleted and 'new-name' created; pin 'id: c1' in segments/new-name.yaml to rename it in place and keep its feature-flag associations"])
        #expect(plan.changes[0].warnings.contains(plan.notices[0]))
    }

    @Test func probableRenameWithoutPruneKeepsTheOldOne() {
        let plan = plan([Make.declaration(Make.state("b", users: ["user-1"]))], [Make.remote("c1", Make.state("a", users: ["user-1"]))])
        #expect(plan.changes.map(\.action) == [.create])
        #expect(plan.unmanaged.map(\.name) == ["a"])
        #expect(plan.notices.first?.hasPrefix("probable rename: 'b' would be created while 'a' (c1) stays unmanaged") == true)
    }

    @Test func pruneFromOptionsOrConfig() {
        let remote = [Make.remote("c1", Make.state("keep")), Make.remote("c2", Make.state("drop")), Make.remote("c3", Make.state("keep2"))]
        let desired = [Make.declaration(Make.state("keep")), Make.declaration(Make.state("keep2"))]
        #expect(plan(desired, remote).count(.delete) == 0)
        #expect(plan(desired, remote, options: PlanOptions(prune: true)).count(.delete) == 1)
        var config = TargetCatalogue.defaultConfig()
        config.prune = true
        let pruned = plan(desired, remote, config: config)
        #expect(pruned.changes.map(\.name) == ["drop"])
        #expect(pruned.changes[0].warnings == ["deleting a segment also removes all of its feature-flag associations (cascading delete)"])
    }

    @Test func protectedByConfigIsNeverDeleted() {
        var config = TargetCatalogue.defaultConfig()
        config.file = "segctl.yaml"
        config.protect = ["vips"]
        config.protectMarks = [YAMLMark(line: 4, column: 5)]
        let plan = plan([Make.declaration(Make.state("a")), Make.declaration(Make.state("b"))],
                        [Make.remote("c0", Make.state("a")), Make.remote("c1", Make.state("b")), Make.remote("c2", Make.state("vips"))],
                        options: PlanOptions(prune: true), config: config)
        #expect(plan.problems.map { "\($0.rule) \($0.message)" } == ["protect" + " " + "refusing to delete 'vips' (c2): protected by segctl.yaml:4 (protect); remove the protection first if the deletion is intended"])
        #expect(!plan.isApplicable)
    }

    @Test func protectedFileGuardsItsSegmentAgainstDuplicates() {
        let config = TargetCatalogue.defaultConfig(for: .configcat)
        let desired = [Make.declaration(SegmentState(name: "Beta", fields: [:]), id: "id-1", protect: true)]
        let plan = plan(desired, [
            RemoteSegment(id: "id-1", updatedAt: "v", state: SegmentState(name: "Beta", fields: [:])),
            RemoteSegment(id: "id-2", updatedAt: "v", state: SegmentState(name: "Beta", fields: [:])),
            RemoteSegment(id: "id-3", updatedAt: "v", state: SegmentState(name: "Other", fields: [:])),
        ], options: PlanOptions(prune: true, allowMassDelete: true), config: config)
        #expect(plan.problems.map(\.rule) == ["protect"])
        #expect(plan.problems[0].message.contains("protect: true in segments/Beta.yaml"))
    }

    @Test func massDeleteNeedsPermission() {
        let remote = (1...4).map { Make.remote("c\($0)", Make.state("s\($0)")) }
        let one = [Make.declaration(Make.state("s1"))]
        let refused = plan(one, remote, options: PlanOptions(prune: true))
        #expect(refused.problems.map { "\($0.rule) \($0.message)" } == ["mass-delete" + " " + "refusing to delete 3 of 4 remote segments (more than half); if that is intended, run again with --allow-mass-delete"])
        let all = plan([], remote, options: PlanOptions(prune: true))
        #expect(all.problems.map(\.message) == ["refusing to delete all 4 remote segments (more than half); if that is intended, run again with --allow-mass-delete"])
        let half = plan([Make.declaration(Make.state("s1")), Make.declaration(Make.state("s2"))], remote, options: PlanOptions(prune: true))
        #expect(half.problems.isEmpty)
        #expect(plan(one, remote, options: PlanOptions(prune: true, allowMassDelete: true)).problems.isEmpty)
    }

    @Test func deletingTheOnlySegmentIsAMassDelete() {
        let plan = plan([], [Make.remote("c1", Make.state("only"))], options: PlanOptions(prune: true))
        #expect(plan.problems.map(\.rule) == ["mass-delete"])
    }

    @Test func pinnedIDThatNoLongerExists() {
        let plan = plan([Make.declaration(Make.state("a"), id: "cgone")], [])
        #expect(plan.problems.map { "\($0.rule) \($0.message)" } == ["pinned-id-missing" + " " + "segments/a.yaml pins id cgone, but no remote segment has it (deleted remotely?); remove the 'id' line to create 'a' anew"])
    }

    @Test func renameIntoANameFreedByADeleteWaitsForTheDelete() {
        let plan = plan(
            [Make.declaration(Make.state("b"), id: "c1"), Make.declaration(Make.state("x")), Make.declaration(Make.state("y"))],
            [Make.remote("c1", Make.state("a")), Make.remote("c2", Make.state("b")), Make.remote("c3", Make.state("x")), Make.remote("c4", Make.state("y"))],
            options: PlanOptions(prune: true))
        let update = plan.changes.firstIndex { $0.action == .update }!
        let delete = plan.changes.firstIndex { $0.action == .delete }!
        #expect(plan.changes[update].dependencies == [delete])
        #expect(plan.changes[delete].dependencies.isEmpty)
        #expect(plan.problems.isEmpty)
    }

    @Test func renameSwapIsACycle() {
        let plan = plan(
            [Make.declaration(Make.state("b"), id: "c1"), Make.declaration(Make.state("a"), id: "c2")],
            [Make.remote("c1", Make.state("a")), Make.remote("c2", Make.state("b"))])
        #expect(plan.problems.map(\.rule) == ["rename-cycle"])
    }

    @Test func renameOntoAnUnmanagedName() {
        let plan = plan([Make.declaration(Make.state("b"), id: "c1")], [Make.remote("c1", Make.state("a")), Make.remote("c2", Make.state("b"))])
        #expect(plan.problems.map { "\($0.rule) \($0.message)" } == ["name-conflict" + " " + "'a' cannot become 'b': remote segment c2 keeps that name; rename or delete it first"])
    }

    @Test func configcatDuplicateNamesNeedAPin() {
        let config = TargetCatalogue.defaultConfig(for: .configcat)
        let plan = plan([Make.declaration(SegmentState(name: "Beta", fields: [:]))],
                        [RemoteSegment(id: "id-2", updatedAt: "v", state: SegmentState(name: "Beta", fields: [:])),
                         RemoteSegment(id: "id-1", updatedAt: "v", state: SegmentState(name: "Beta", fields: [:]))], config: config)
        #expect(plan.problems.map(\.message) == ["2 remote segments are named 'Beta' (id-1, id-2); pin the one segments/Beta.yaml manages with 'id:'"])
    }

    @Test func segmentInUseIsNotDeletedWithoutPermission() {
        let remote = [Make.remote("c1", Make.state("a")), Make.remote("c2", Make.state("b"), usage: 3), Make.remote("c3", Make.state("c"))]
        let desired = [Make.declaration(Make.state("a")), Make.declaration(Make.state("c"))]
        let refused = plan(desired, remote, options: PlanOptions(prune: true))
        #expect(refused.problems.map(\.message) == ["refusing to delete 'b' (c2): 3 feature flags use it (usage 3); remove it from those flags first, or run again with --allow-delete-in-use"])
        #expect(plan(desired, remote, options: PlanOptions(prune: true, allowDeleteInUse: true)).problems.isEmpty)
    }

    @Test func fingerprintDescribesRemoteChanges() {
        let before = RemoteFingerprint([Make.remote("c1", Make.state("a"), version: "v1"), Make.remote("c2", Make.state("b"))])
        let after = RemoteFingerprint([Make.remote("c1", Make.state("a"), version: "v2"), Make.remote("c3", Make.state("c"))])
        #expect(before.differences(from: after) == [
            "segment 'a' (c1) changed remotely: updatedAt v1 -> v2",
            "segment 'c' (c3) was created remotely",
            "segment 'b' (c2) was deleted remotely",
        ])
        #expect(before.digest != after.digest)
        #expect(before.differences(from: before).isEmpty)
    }
}
