/// ConfigCat's segment comparators, exactly the 18 of its OpenAPI description.
public enum Comparator: String, Sendable, CaseIterable {
    case isOneOf, isNotOneOf, contains, doesNotContain
    case semVerIsOneOf, semVerIsNotOneOf, semVerLess, semVerLessOrEquals, semVerGreater, semVerGreaterOrEquals
    case numberEquals, numberDoesNotEqual, numberLess, numberLessOrEquals, numberGreater, numberGreaterOrEquals
    case sensitiveIsOneOf, sensitiveIsNotOneOf

    /// Whether the comparison value is a list (comma-separated on the wire).
    public var takesList: Bool {
        switch self {
        case .isOneOf, .isNotOneOf, .contains, .doesNotContain, .semVerIsOneOf, .semVerIsNotOneOf,
             .sensitiveIsOneOf, .sensitiveIsNotOneOf:
            true
        default:
            false
        }
    }

    /// Whether values must be semantic versions.
    public var comparesVersions: Bool { rawValue.hasPrefix("semVer") }

    /// Whether the value must be a number.
    public var comparesNumbers: Bool { rawValue.hasPrefix("number") }

    /// Whether values are confidential (hashed by ConfigCat) and must never be printed.
    public var isSensitive: Bool { rawValue.hasPrefix("sensitive") }
}
