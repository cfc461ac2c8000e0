/// A key the file must set is missing.
public enum RequiredKeyRule {
    /// The rule's identifier.
    public static let id = "required-key"

    /// `key` is missing from the mapping that starts at `location`.
    public static func missing(_ key: String, at location: SourceLocation) -> Diagnostic {
        .error(id, "missing required key '\(key)'", at: location)
    }
}
