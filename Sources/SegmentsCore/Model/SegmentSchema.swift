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
        /// ConfigCat's comparison value: a list for list comparators, one scalar otherwise.
        case comparisonValue
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
    }

    /// Which target this describes.
    public let target: TargetKind
    /// The fields in canonical order (the order `fmt` writes and plans show).
    public let fields: [Field]
    /// Every key a file of this target may hold, in canonical order.
    public let keys: [String]
    /// The fields that hold member lists.
    public let memberFields: [Field]

    /// Describes a target by its fields; `description` comes first and `protect` after it.
    init(target: TargetKind, fields: [Field]) {
        self.target = target
        self.fields = fields
        keys = ["name", "id"] + fields.prefix(1).map(\.key) + ["protect"] + fields.dropFirst().map(\.key)
        memberFields = fields.filter {
            if case .members = $0.kind { return true }
            return false
        }
    }

    /// Keys that are segctl's own, not the API's: `id` pins a remote segment, `protect` guards it.
    public static let controlKeys = ["id", "protect"]

    /// The schema of `target`.
    public static func of(_ target: TargetKind) -> SegmentSchema {
        switch target {
        case .platform: platform
        case .configcat: configcat
        }
    }

    /// The field named `key`.
    public func field(_ key: String) -> Field? {
        fields.first { $0.key == key }
    }

    /// The platform Segments API's segment object.
    public static let platform = SegmentSchema(target: .platform, fields: [
        Field(key: "description", kind: .text(minLength: 0, maxLength: 1000, nullable: true), required: false,
              defaultValue: .null, summary: "Human-readable description (at most 1000 characters)."),
        Field(key: "isActive", kind: .boolean, required: false, defaultValue: .bool(true),
              summary: "Whether the segment is active (default true)."),
        Field(key: "userIds", kind: .members(.user), required: false, defaultValue: .list([]),
              summary: "User IDs in the segment, taken exactly as written."),
        Field(key: "companyIds", kind: .members(.company), required: false, defaultValue: .list([]),
              summary: "Company IDs in the segment, taken exactly as written."),
    ])

    /// ConfigCat's segment (`CreateSegmentModel` / `UpdateSegmentModel`).
    public static let configcat = SegmentSchema(target: .configcat, fields: [
        Field(key: "description", kind: .text(minLength: 0, maxLength: 1000, nullable: true), required: false,
              defaultValue: .null, summary: "Description of the segment (at most 1000 characters)."),
        Field(key: "comparisonAttribute", kind: .text(minLength: 1, maxLength: 1000, nullable: false), required: true,
              defaultValue: .null, summary: "The user attribute the segment compares (e.g. Email, Identifier)."),
        Field(key: "comparator", kind: .text(minLength: 1, maxLength: 64, nullable: false), required: true,
              defaultValue: .null, summary: "One of ConfigCat's 18 segment comparators."),
        Field(key: "comparisonValue", kind: .comparisonValue, required: true, defaultValue: .null,
              summary: "A list for list comparators (joined with commas on the wire), one value otherwise."),
    ])
}
