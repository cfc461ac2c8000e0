/// The value of one field of a segment, in a form both targets share.
///
/// Lists are compared as sets when planning (order and duplicates are not changes).
public enum FieldValue: Hashable, Sendable {
    /// Absent or explicitly null (e.g. no description).
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// Text, taken exactly as written.
    case string(String)
    /// A list of members (user IDs, company IDs, ConfigCat comparison values).
    case list([String])

    /// The text a reader sees for this value in a plan.
    public var displayText: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .string(let s): Self.quoted(s)
        case .list(let items): "[\(items.joined(separator: ", "))]"
        }
    }

    /// The list's items, or nil for other values.
    public var listItems: [String]? {
        if case .list(let items) = self { return items }
        return nil
    }

    /// A string in double quotes with JSON escapes, so whitespace and quotes are visible.
    static func quoted(_ s: String) -> String {
        JSONValue.string(s).serialized(pretty: false)
    }
}

extension String {
    /// The string padded with leading zeros to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
