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

/// Semantic Versioning 2.0.0 syntax, as ConfigCat's semver comparators require.
public enum SemanticVersion {
    /// Whether `text` is a valid semantic version such as `1.2.3-beta.1+build.5`.
    public static func isValid(_ text: String) -> Bool {
        var rest = Substring(text)
        var build: Substring?
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        var prerelease: Substring?
        if let dash = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy(isNumericIdentifier) else { return false }
        if let prerelease {
            let parts = prerelease.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.allSatisfy({ isIdentifier($0) && (!$0.allSatisfy(\.isASCIIDigit) || isNumericIdentifier($0)) }) else { return false }
        }
        if let build {
            guard build.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isIdentifier) else { return false }
        }
        return true
    }

    static func isNumericIdentifier(_ part: Substring) -> Bool {
        !part.isEmpty && part.allSatisfy(\.isASCIIDigit) && (part == "0" || part.first != "0")
    }

    static func isIdentifier(_ part: Substring) -> Bool {
        !part.isEmpty && part.allSatisfy { $0.isASCIIDigit || ($0.isASCII && $0.isLetter) || $0 == "-" }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
