/// One thing `apply` will do to one remote segment.
public struct Change: Hashable, Sendable {
    /// Create, update or delete.
    public enum Action: String, Hashable, Sendable, Codable {
        case create, update, delete

        /// Terraform's symbols: `+`, `~`, `-`.
        public var symbol: String {
            switch self {
            case .create: "+"
            case .update: "~"
            case .delete: "-"
            }
        }
    }

    /// A scalar field that changes (or, for a create, is set).
    public struct FieldChange: Hashable, Sendable {
        /// The field's key.
        public var key: String
        /// The remote value; nil for a create.
        public var before: FieldValue?
        /// The desired value; nil for a delete.
        public var after: FieldValue?
    }

    /// A member list that changes, as sets: what is added, what is removed.
    public struct MemberChange: Hashable, Sendable {
        /// The list's key (`userIds`, `companyIds`, `comparisonValue`).
        public var key: String
        /// What the members are, for labels; nil when they are not user or company IDs.
        public var kind: SegmentSchema.MemberKind?
        /// IDs added, sorted.
        public var added: [String]
        /// IDs removed, sorted.
        public var removed: [String]
        /// Members before (0 for a create), for counts.
        public var countBefore: Int
        /// Members after (0 for a delete).
        public var countAfter: Int
        /// Why some IDs are removed, by ID (`expired 2026-12-31`), when it is not just that
        /// the file no longer lists them.
        public var reasons: [String: String] = [:]
    }

    /// What happens.
    public var action: Action
    /// The segment's name: the remote name for updates and deletes, the new name for creates.
    public var name: String
    /// The new name when an update renames the segment.
    public var newName: String?
    /// The remote ID (updates and deletes).
    public var segmentID: String?
    /// The remote version the plan saw; apply skips the change if it moved.
    public var expectedUpdatedAt: String?
    /// Who changed the remote segment last, when the API says: with `expectedUpdatedAt`, the
    /// answer to "whom do we ask" when the remote drifted from the files.
    public var lastChangedBy: String?
    /// The file declaring the segment (creates and updates).
    public var file: String?
    /// Scalar fields that change.
    public var fields: [FieldChange]
    /// Member lists that change.
    public var members: [MemberChange]
    /// The full desired state, sent by apply (creates and updates).
    public var desired: SegmentState?
    /// Whether values must never be printed (ConfigCat's sensitive comparators).
    public var isSensitive: Bool
    /// Fields whose values must never be printed (the target's sensitive fields, when sensitive).
    public var hiddenFields: Set<String>
    /// Feature flags using the segment, when the API says (deletes).
    public var usage: Int?
    /// Things a reviewer must know: cascading deletes, probable renames.
    public var warnings: [String]
    /// Indices of changes in the plan that must finish first (a name must be freed first).
    public var dependencies: [Int]

    /// Creates a change.
    public init(
        action: Action, name: String, newName: String? = nil, segmentID: String? = nil,
        expectedUpdatedAt: String? = nil, file: String? = nil, fields: [FieldChange] = [],
        members: [MemberChange] = [], desired: SegmentState? = nil, isSensitive: Bool = false,
        hiddenFields: Set<String> = [], usage: Int? = nil, warnings: [String] = [], dependencies: [Int] = []
    ) {
        self.action = action
        self.name = name
        self.newName = newName
        self.segmentID = segmentID
        self.expectedUpdatedAt = expectedUpdatedAt
        self.file = file
        self.fields = fields
        self.members = members
        self.desired = desired
        self.isSensitive = isSensitive
        self.hiddenFields = hiddenFields
        self.usage = usage
        self.warnings = warnings
        self.dependencies = dependencies
    }

    /// The name after the change.
    public var finalName: String { newName ?? name }

    /// The keys whose values change (including `name` on a rename).
    public var changedKeys: Set<String> {
        var keys = Set(fields.map(\.key)).union(members.map(\.key))
        if newName != nil { keys.insert("name") }
        return keys
    }

    /// A short phrase of what changes: `description, userIds +2 -1`.
    public var summaryPhrase: String {
        var parts: [String] = []
        if let newName { parts.append("rename to \(newName)") }
        for field in fields { parts.append(field.key) }
        for member in members {
            switch action {
            case .create: parts.append("\(member.key) \(member.countAfter)")
            case .delete: parts.append("\(member.key) \(member.countBefore)")
            case .update: parts.append("\(member.key) +\(member.added.count) -\(member.removed.count)")
            }
        }
        return parts.joined(separator: ", ")
    }
}
