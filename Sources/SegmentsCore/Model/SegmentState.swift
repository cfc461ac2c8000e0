/// What a segment is, independent of where it was read from: its name and its fields.
///
/// The desired state (from a file) and the remote state (from the API) are both values of this
/// type, so the planner compares like with like for every target.
public struct SegmentState: Hashable, Sendable {
    /// The segment's name, its identity when no ID is pinned.
    public var name: String
    /// Every other field by its API name (`description`, `isActive`, `userIds`, ...).
    public var fields: [String: FieldValue]

    /// Creates a state.
    public init(name: String, fields: [String: FieldValue]) {
        self.name = name
        self.fields = fields
    }

    /// The value of `key`, `.null` when absent.
    public subscript(key: String) -> FieldValue {
        get { fields[key] ?? .null }
        set { fields[key] = newValue }
    }
}
