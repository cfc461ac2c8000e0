import Testing
@testable import SegmentsCore

/// Apply's scheduling is linear in the number of changes (a ready queue and prerequisite
/// counters), and still keeps every ordering rule.
struct ApplyScheduleTests {
    /// 50,000 changes: renames that take names deletes free, creates, updates, and deletes
    /// that must wait for every create and update.
    @Test func fiftyThousandChangesFinishQuicklyInOrder() async throws {
        let pairs = 10_000
        var remote: [RemoteSegment] = []
        var changes: [Change] = []
        // Updates that rename `a-i` to `b-i`, whose name the delete of `b-i` frees first.
        for index in 0..<pairs {
            let renamed = Make.state("b-\(index)")
            changes.append(Change(action: .update, name: "a-\(index)", newName: "b-\(index)", segmentID: "a\(index)", expectedUpdatedAt: "v0", desired: renamed))
            remote.append(Make.remote("a\(index)", Make.state("a-\(index)")))
        }
        for index in 0..<pairs {
            changes.append(Change(action: .create, name: "new-\(index)", desired: Make.state("new-\(index)")))
        }
        let firstFreeingDelete = changes.count
        for index in 0..<pairs {
            changes.append(Change(action: .delete, name: "b-\(index)", segmentID: "b\(index)", expectedUpdatedAt: "v0"))
            remote.append(Make.remote("b\(index)", Make.state("b-\(index)")))
            changes[index].dependencies = [firstFreeingDelete + index]
        }
        for index in 0..<(2 * pairs) {
            changes.append(Change(action: .delete, name: "old-\(index)", segmentID: "old\(index)", expectedUpdatedAt: "v0"))
            remote.append(Make.remote("old\(index)", Make.state("old-\(index)")))
        }
        #expect(changes.count == 50_000)
        let store = InMemoryRemote(segments: remote)
        let plan = Plan(target: .platform, changes: changes, unchanged: [], unmanaged: [], problems: [], notices: [], options: PlanOptions(), fingerprint: RemoteFingerprint(remote))
        let clock = ContinuousClock()
        var report: PlanExecutor.Report?
        let elapsed = await clock.measure {
            report = await PlanExecutor(target: PlatformTarget(), parallelism: 8).apply(plan, to: store)
        }
        #expect(report?.succeeded == true)
        #expect(elapsed < .seconds(60), "took \(elapsed)")
        // Every rename succeeded, so its name was free when it ran; late deletes came last.
        let writes = await store.calls.filter { !$0.hasPrefix("get") }
        let lastCreateOrUpdate = writes.lastIndex { $0.hasPrefix("create") || $0.hasPrefix("update") }!
        let firstLate = writes.firstIndex { $0.hasPrefix("delete old") }!
        #expect(firstLate > lastCreateOrUpdate)
        #expect(await store.segments.count == 2 * pairs)
    }

    @Test func aFailedPrerequisiteSkipsWhatWaitsForIt() async throws {
        let remote = InMemoryRemote(segments: [Make.remote("c1", Make.state("a")), Make.remote("c2", Make.state("b"))])
        await remote.setFailingCreates(["x"])
        var rename = Change(action: .update, name: "a", newName: "b", segmentID: "c1", expectedUpdatedAt: "v0", desired: Make.state("b"))
        rename.dependencies = [2]
        let changes = [rename, Change(action: .create, name: "x", desired: Make.state("x")), Change(action: .delete, name: "b", segmentID: "c2", expectedUpdatedAt: "v0")]
        let plan = Plan(target: .platform, changes: changes, unchanged: [], unmanaged: [], problems: [], notices: [], options: PlanOptions(), fingerprint: RemoteFingerprint([]))
        let report = await PlanExecutor(target: PlatformTarget()).apply(plan, to: remote)
        #expect(report.outcomes.map(\.result) == [.done(nil), .failed("create of x refused"), .done(nil)])
        var schedule = ApplySchedule([Change(action: .create, name: "x"), Change(action: .delete, name: "y", segmentID: "y")])
        #expect(schedule.nextReady() == 0)
        #expect(schedule.nextReady() == nil)
        schedule.finish(0, succeeded: false)
        #expect(schedule.nextReady() == 1)
        #expect(schedule.blocker(of: 1) == 0)
    }
}
