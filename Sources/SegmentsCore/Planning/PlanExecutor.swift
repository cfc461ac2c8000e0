/// Carries out a plan against a remote: creates and updates first (in parallel, up to a
/// limit), deletes last, each update and delete guarded by the version the plan saw.
public struct PlanExecutor: Sendable {
    /// What happened to one change.
    public enum Result: Hashable, Sendable {
        /// Done; the detail says anything notable (e.g. confirmed after an ambiguous failure).
        case done(String?)
        /// The API refused or could not be reached; the message says why.
        case failed(String)
        /// The remote segment changed since the plan; the change was not made.
        case conflict(String)
        /// Not attempted because something it depends on did not complete.
        case skipped(String)

        /// Whether the change took effect.
        public var succeeded: Bool {
            if case .done = self { return true }
            return false
        }
    }

    /// One finished change.
    public struct Outcome: Sendable {
        /// The change's index in the plan.
        public var index: Int
        /// The change.
        public var change: Change
        /// What happened.
        public var result: Result
    }

    /// Everything apply did.
    public struct Report: Sendable {
        /// Outcomes in plan order.
        public var outcomes: [Outcome]

        /// Whether every change took effect.
        public var succeeded: Bool { outcomes.allSatisfy { $0.result.succeeded } }

        /// Outcomes of a kind.
        public func count(where predicate: (Result) -> Bool) -> Int {
            outcomes.count { predicate($0.result) }
        }
    }

    /// The target: whether a create that may have happened can be retried safely.
    public var target: any TargetDescriptor
    /// Requests in flight at most.
    public var parallelism: Int
    /// Extra tries of a create whose earlier try may or may not have reached the server.
    public var ambiguousCreateRetries: Int
    /// Seconds to wait before re-reading the list after an ambiguous create, so a request
    /// that is still being processed has time to land.
    public var settleDelay: Double

    /// Creates an executor.
    public init(target: any TargetDescriptor, parallelism: Int = 4, ambiguousCreateRetries: Int = 2, settleDelay: Double = 1) {
        self.target = target
        self.parallelism = max(1, parallelism)
        self.ambiguousCreateRetries = ambiguousCreateRetries
        self.settleDelay = settleDelay
    }

    /// Applies `plan` to `remote`; `observer` hears of each change as it finishes.
    public func apply(
        _ plan: Plan, to remote: any SegmentsRemote,
        observer: @escaping @Sendable (Outcome, _ finished: Int, _ total: Int) -> Void = { _, _, _ in }
    ) async -> Report {
        let changes = plan.changes
        var schedule = ApplySchedule(changes)
        // A delete that frees a name runs early; it first checks that what needs the name
        // can still happen, so it never deletes for a rename that is then skipped.
        var freedFor: [Int: [Change]] = [:]
        for change in changes where change.action != .delete {
            for dependency in change.dependencies where changes[dependency].action == .delete {
                freedFor[dependency, default: []].append(change)
            }
        }
        var results = [Result?](repeating: nil, count: changes.count)
        var finished = 0
        let knownIDs = Set(plan.fingerprint.entries.map(\.id))

        await withTaskGroup(of: (Int, Result).self) { group in
            var running = 0
            /// Starts ready changes up to the parallelism; a change whose prerequisite failed is
            /// skipped at once, which can make others ready in turn.
            func startReady() {
                while running < parallelism, let index = schedule.nextReady() {
                    if let blocker = schedule.blocker(of: index) {
                        let result = Result.skipped(Self.skipReason(changes[index], blocker: changes[blocker]))
                        results[index] = result
                        finished += 1
                        schedule.finish(index, succeeded: false)
                        observer(Outcome(index: index, change: changes[index], result: result), finished, changes.count)
                        continue
                    }
                    running += 1
                    let change = changes[index]
                    let dependents = freedFor[index] ?? []
                    group.addTask {
                        (index, await execute(change, on: remote, knownIDs: knownIDs, dependents: dependents))
                    }
                }
            }
            startReady()
            while let (index, result) = await group.next() {
                running -= 1
                results[index] = result
                finished += 1
                schedule.finish(index, succeeded: result.succeeded)
                observer(Outcome(index: index, change: changes[index], result: result), finished, changes.count)
                startReady()
            }
        }
        return Report(outcomes: changes.indices.map { Outcome(index: $0, change: changes[$0], result: results[$0] ?? .skipped("not started")) })
    }

    static func skipReason(_ change: Change, blocker: Change) -> String {
        if change.action == .delete {
            return "not deleted because \(blocker.action.rawValue) of '\(blocker.finalName)' did not succeed; deletes run only after every create and update succeeded"
        }
        return "not attempted because \(blocker.action.rawValue) of '\(blocker.finalName)', which it waits for, did not succeed"
    }

    private func execute(_ change: Change, on remote: any SegmentsRemote, knownIDs: Set<String>, dependents: [Change]) async -> Result {
        do {
            switch change.action {
            case .create:
                return try await create(change, on: remote, knownIDs: knownIDs)
            case .update:
                guard let id = change.segmentID, let desired = change.desired else { return .failed("the plan's update has no segment id") }
                if let conflict = try await checkVersion(change, id: id, on: remote) { return conflict }
                try await remote.updateSegment(id: id, to: desired, changedFields: change.changedKeys)
                return .done(nil)
            case .delete:
                guard let id = change.segmentID else { return .failed("the plan's delete has no segment id") }
                guard let current = try await remote.fetchSegment(id: id) else { return .done("already deleted remotely") }
                if current.updatedAt != change.expectedUpdatedAt {
                    return .conflict("changed remotely since the plan (updatedAt \(change.expectedUpdatedAt ?? "?") -> \(current.updatedAt)); not deleted; run plan again")
                }
                for dependent in dependents where dependent.action == .update {
                    if case .conflict(let reason)? = try await checkVersion(dependent, id: dependent.segmentID ?? "", on: remote) {
                        return .conflict("not deleted, because '\(dependent.name)', which is to take its name, \(reason)")
                    }
                }
                try await remote.deleteSegment(id: id)
                return .done(nil)
            }
        } catch {
            return .failed(Self.message(error))
        }
    }

    /// The optimistic-concurrency check before an update: the API has no If-Match, so this
    /// narrows the window between reading and writing to one round trip.
    private func checkVersion(_ change: Change, id: String, on remote: any SegmentsRemote) async throws -> Result? {
        guard let current = try await remote.fetchSegment(id: id) else {
            return .conflict("deleted remotely since the plan; not updated; run plan again")
        }
        if current.updatedAt != change.expectedUpdatedAt {
            return .conflict("changed remotely since the plan (updatedAt \(change.expectedUpdatedAt ?? "?") -> \(current.updatedAt)); not updated; run plan again")
        }
        return nil
    }

    /// A create is not idempotent: after an ambiguous failure, look before trying again.
    private func create(_ change: Change, on remote: any SegmentsRemote, knownIDs: Set<String>) async throws -> Result {
        guard let desired = change.desired else { return .failed("the plan's create has no desired state") }
        var attempt = 0
        var ambiguity: String?
        while true {
            do {
                _ = try await remote.createSegment(desired)
                return .done(attempt == 0 ? nil : "created on try \(attempt + 1), after an ambiguous failure")
            } catch {
                // After an ambiguous try, any failure (a 409 for a name that now exists, say)
                // is resolved the same way: look before doing anything else.
                guard case RemoteFailure.ambiguous(let reason) = error else {
                    guard let ambiguity else { throw error }
                    return try await confirm(desired, after: ambiguity, on: remote, knownIDs: knownIDs) ?? .failed(Self.message(error))
                }
                ambiguity = reason
                if let confirmed = try await confirm(desired, after: reason, on: remote, knownIDs: knownIDs) { return confirmed }
                attempt += 1
                guard target.enforcesUniqueNames else {
                    return .failed("\(reason); '\(desired.name)' is not in the segment list yet, but may still be created; segctl does not retry, since this API allows duplicate names: run plan before applying again")
                }
                guard attempt <= ambiguousCreateRetries else {
                    return .failed("\(reason); '\(desired.name)' does not exist after \(attempt) tries")
                }
            }
        }
    }

    /// Whether a segment of `desired`'s name that the plan did not know now exists.
    private func confirm(_ desired: SegmentState, after reason: String, on remote: any SegmentsRemote, knownIDs: Set<String>) async throws -> Result? {
        if settleDelay > 0 { try await Task.sleep(for: .milliseconds(Int(settleDelay * 1000))) }
        let segments: [RemoteSegment]
        do {
            segments = try await remote.listSegments()
        } catch {
            return .failed("\(reason); could not re-read the segments to find out whether '\(desired.name)' was created (\(Self.message(error))); run plan before retrying")
        }
        if segments.contains(where: { $0.name == desired.name && !knownIDs.contains($0.id) }) {
            return .done("confirmed by re-reading the segment list after: \(reason)")
        }
        return nil
    }

    static func message(_ error: any Error) -> String {
        if case RemoteFailure.ambiguous(let reason) = error { return reason }
        return String(describing: error)
    }
}
