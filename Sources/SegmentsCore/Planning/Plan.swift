/// What `apply` would do: the changes, what stays, what no file manages, what blocks it, and
/// the inputs it was computed from (so a saved plan can be checked for staleness).
public struct Plan: Sendable {
    /// Remote segments that no file declares and that the plan leaves alone.
    public struct Unmanaged: Hashable, Sendable {
        /// The remote ID.
        public var id: String
        /// The remote name.
        public var name: String
    }

    /// The target API.
    public var target: TargetKind
    /// The changes in execution order: creates and updates, then deletes.
    public var changes: [Change]
    /// Names of declared segments that already match.
    public var unchanged: [String]
    /// Remote segments no file declares, left alone.
    public var unmanaged: [Unmanaged]
    /// Reasons the plan must not be applied (a protected delete, a mass delete, ...), each an
    /// error from a planning rule (`Planning/Rules`).
    public var problems: [Diagnostic]
    /// Advice that does not block: probable renames, unpinned matches.
    public var notices: [String]
    /// The options the plan was computed with.
    public var options: PlanOptions
    /// The remote state the plan saw.
    public var fingerprint: RemoteFingerprint
    /// Labels of member IDs by kind, for display (empty with --no-labels).
    public var labels: [SegmentSchema.MemberKind: [String: String]]

    /// Creates a plan.
    public init(
        target: TargetKind, changes: [Change], unchanged: [String], unmanaged: [Unmanaged],
        problems: [Diagnostic], notices: [String], options: PlanOptions, fingerprint: RemoteFingerprint,
        labels: [SegmentSchema.MemberKind: [String: String]] = [:]
    ) {
        self.target = target
        self.changes = changes
        self.unchanged = unchanged
        self.unmanaged = unmanaged
        self.problems = problems
        self.notices = notices
        self.options = options
        self.fingerprint = fingerprint
        self.labels = labels
    }

    /// Whether anything would change.
    public var hasChanges: Bool { !changes.isEmpty }

    /// Whether the plan may be applied.
    public var isApplicable: Bool { problems.isEmpty }

    /// Counts by action.
    public func count(_ action: Change.Action) -> Int {
        changes.count { $0.action == action }
    }

    /// `Plan: 2 to create, 1 to update, 0 to delete.`
    public var summaryLine: String {
        "Plan: \(count(.create)) to create, \(count(.update)) to update, \(count(.delete)) to delete."
    }

    /// The label of a member ID, when known.
    public func label(of id: String, kind: SegmentSchema.MemberKind?) -> String? {
        guard let kind else { return nil }
        return labels[kind]?[id]
    }
}
