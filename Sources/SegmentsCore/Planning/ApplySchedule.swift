/// The order in which apply may start a plan's changes, kept in time linear in the number of
/// changes and their dependencies: a ready queue and a counter of unfinished prerequisites
/// per change, never a rescan.
///
/// A change waits for its name dependencies (`Change.dependencies`). A delete that frees no
/// name also waits for every create and update, through one shared counter rather than a list
/// per delete: deletes run last, and only if all of those succeeded.
struct ApplySchedule {
    private let changes: [Change]
    /// Prerequisites each change still waits for.
    private var waiting: [Int]
    /// Changes waiting on each change.
    private var dependents: [[Int]]
    /// Deletes released once every create and update has finished.
    private var lateDeletes: [Int] = []
    /// Whether each change is such a delete.
    private var isLateDelete: [Bool]
    /// Creates and updates not finished yet.
    private var unfinishedWrites: Int
    /// The first create or update that did not succeed, which blocks every late delete.
    private var failedWrite: Int?
    /// The first prerequisite of each change that did not succeed.
    private var failedPrerequisite: [Int: Int] = [:]
    private var ready: [Int] = []
    private var readyHead = 0

    init(_ changes: [Change]) {
        self.changes = changes
        waiting = [Int](repeating: 0, count: changes.count)
        dependents = [[Int]](repeating: [], count: changes.count)
        isLateDelete = [Bool](repeating: false, count: changes.count)
        var neededEarly = Set<Int>()
        for change in changes where change.action != .delete {
            neededEarly.formUnion(change.dependencies)
        }
        unfinishedWrites = changes.count { $0.action != .delete }
        for (index, change) in changes.enumerated() {
            for dependency in Set(change.dependencies) {
                waiting[index] += 1
                dependents[dependency].append(index)
            }
            if change.action == .delete && !neededEarly.contains(index) {
                isLateDelete[index] = true
                if unfinishedWrites > 0 {
                    waiting[index] += 1
                    lateDeletes.append(index)
                }
            }
        }
        ready = changes.indices.filter { waiting[$0] == 0 }
    }

    /// The next change whose prerequisites have all finished, if any.
    mutating func nextReady() -> Int? {
        guard readyHead < ready.count else { return nil }
        defer { readyHead += 1 }
        return ready[readyHead]
    }

    /// The prerequisite that did not succeed, when there is one: the change must be skipped.
    func blocker(of index: Int) -> Int? {
        let late = isLateDelete[index] ? failedWrite : nil
        return [failedPrerequisite[index], late].compactMap { $0 }.min()
    }

    /// Records that `index` finished; releases what waited for it.
    mutating func finish(_ index: Int, succeeded: Bool) {
        for dependent in dependents[index] {
            if !succeeded {
                failedPrerequisite[dependent] = min(failedPrerequisite[dependent] ?? index, index)
            }
            release(dependent)
        }
        if changes[index].action != .delete {
            if !succeeded { failedWrite = min(failedWrite ?? index, index) }
            unfinishedWrites -= 1
            if unfinishedWrites == 0 {
                for delete in lateDeletes { release(delete) }
            }
        }
    }

    private mutating func release(_ index: Int) {
        waiting[index] -= 1
        if waiting[index] == 0 { ready.append(index) }
    }
}
