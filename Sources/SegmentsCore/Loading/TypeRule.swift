/// A value of the wrong YAML type: a list where text belongs, `yes` where a boolean belongs, ...
public enum TypeRule {
    /// The rule's identifier.
    public static let id = "type"

    /// `key` must be text but holds `found`.
    public static func expectedText(_ key: String, found: ScalarType, value: String, at location: SourceLocation) -> Diagnostic {
        let value = UnknownKeyRule.excerpt(value)
        return .error(id, "'\(key)' must be a string, but \(value) is \(found.phrase); quote it (\"\(value)\") if you mean the text", at: location)
    }

    /// `key` must be `true` or `false`.
    public static func expectedBoolean(_ key: String, found: ScalarType, value: String, at location: SourceLocation) -> Diagnostic {
        let value = UnknownKeyRule.excerpt(value)
        switch found {
        case .yaml11Bool:
            return .error(id, "'\(key)' must be true or false; '\(value)' is a boolean only in YAML 1.1 and other tools read it differently", at: location)
        case .string:
            return .error(id, "'\(key)' must be true or false, not the string \(FieldValue.quoted(value))", at: location)
        default:
            return .error(id, "'\(key)' must be true or false, not \(found.phrase) (\(value.isEmpty ? "empty" : value))", at: location)
        }
    }

    /// `key` must be an integer.
    public static func expectedInteger(_ key: String, value: String, at location: SourceLocation) -> Diagnostic {
        .error(id, "'\(key)' must be a whole number, not '\(UnknownKeyRule.excerpt(value))'", at: location)
    }

    /// `key` must be a scalar but holds a collection.
    public static func expectedScalar(_ key: String, found: YAMLDocument.Node.Kind, at location: SourceLocation) -> Diagnostic {
        .error(id, "'\(key)' must be a single value, not a \(found == .sequence ? "list" : "mapping")", at: location)
    }

    /// `key` must be a list (a YAML sequence).
    public static func expectedList(_ key: String, found: YAMLDocument.Node, at location: SourceLocation) -> Diagnostic {
        let what = found.kind == .mapping ? "a mapping" : "the single value '\(UnknownKeyRule.excerpt(found.value))'"
        return .error(id, "'\(key)' must be a list (one item per line, each starting with '- '), not \(what)", at: location)
    }

    /// An item of list `key` is itself a collection.
    public static func expectedScalarItem(_ key: String, found: YAMLDocument.Node.Kind, at location: SourceLocation) -> Diagnostic {
        .error(id, "items of '\(key)' must be single values, not \(found == .sequence ? "lists" : "mappings") (check the indentation)", at: location)
    }

    /// An item of list `key` is empty or null.
    public static func emptyItem(_ key: String, at location: SourceLocation) -> Diagnostic {
        .error(id, "empty item in '\(key)'; remove the line or write the value", at: location)
    }

    /// `key` must be a mapping.
    public static func expectedMapping(_ what: String, found: YAMLDocument.Node.Kind, at location: SourceLocation) -> Diagnostic {
        let phrase = found == .sequence ? "a list" : "a single value"
        return .error(id, "\(what) must be a mapping of keys to values, not \(phrase)", at: location)
    }
}
