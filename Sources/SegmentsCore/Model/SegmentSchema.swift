/// The shape of a segment file for one target: which keys exist, their types and limits.
///
/// The decoder, the validation rules, `fmt`, `schema` and the planner all read this one
/// description, so a target is added by describing it, not by copying code.
public struct SegmentSchema: Sendable {
    /// What a list's members are, for ID formats and label lookups.
    public enum MemberKind: String, Sendable, CaseIterable {
        case user, company
    }

    /// The type of a field.
    public enum FieldKind: Sendable, Equatable {
        /// Text of at most `maxLength` characters; `nullable` text may be omitted or null.
        case text(minLength: Int, maxLength: Int, nullable: Bool)
        /// `true` or `false` only.
        case boolean
        /// A list of member IDs, compared as a set.
        case members(MemberKind?)
        /// A comparison value: a list for list comparators, one scalar otherwise; the
        /// comparator is the value of the field `comparatorKey`.
        case comparisonValue(comparatorKey: String)
    }

    /// One field of the API's segment object (other than `name`).
    public struct Field: Sendable {
        /// The API's field name, also the file's key.
        public var key: String
        /// Its type.
        public var kind: FieldKind
        /// Whether a file must set it.
        public var required: Bool
        /// The value an omitted field takes.
        public var defaultValue: FieldValue
        /// A sentence for `segctl schema` and editors.
        public var summary: String
        /// The only values the field may take, when it is a choice (e.g. a comparator).
        public var allowedValues: [String]?

        /// Creates a field.
        public init(key: String, kind: FieldKind, required: Bool, defaultValue: FieldValue, summary: String, allowedValues: [String]? = nil) {
            self.key = key
            self.kind = kind
            self.required = required
            self.defaultValue = defaultValue
            self.summary = summary
            self.allowedValues = allowedValues
        }

        /// The kind of member IDs the field lists, when it lists user or company IDs.
        public var memberKind: MemberKind? {
            if case .members(let kind) = kind { return kind }
            return nil
        }

        /// Whether the field's value is (or may be) a list of items compared as a set.
        public var isList: Bool {
            switch kind {
            case .members, .comparisonValue: true
            default: false
            }
        }
    }

    /// Which target this describes.
    public let target: TargetKind
    /// The fields in canonical order (the order `fmt` writes and plans show).
    public let fields: [Field]
    /// Every key a file of this target may hold, in canonical order.
    public let keys: [String]
    /// The fields that hold member lists.
    public let memberFields: [Field]
    /// The list a file may split across several remote segments with `shards: N`, if any.
    public let shardedList: String?

    /// Describes a target by its fields; `description` comes first, then `protect` (and
    /// `shards`, when the target can shard `shardedList`).
    public init(target: TargetKind, fields: [Field], shardedList: String? = nil) {
        self.target = target
        self.fields = fields
        self.shardedList = shardedList
        keys = ["name", "id"] + fields.prefix(1).map(\.key) + ["protect"] + (shardedList == nil ? [] : ["shards"]) + fields.dropFirst().map(\.key)
        memberFields = fields.filter {
            if case .members = $0.kind { return true }
            return false
        }
    }

    /// Keys that are segctl's own, not the API's: `id` pins a remote segment, `protect` guards it.
    public static let controlKeys = ["id", "protect"]

    /// The field named `key`.
    public func field(_ key: String) -> Field? {
        fields.first { $0.key == key }
    }
}
