import Foundation

/// A configured format (a regular expression that must match the whole string), e.g. for user IDs.
///
/// The expression's meaning is ICU's, as `NSRegularExpression` implements it. Common patterns are
/// also compiled to a byte automaton so a million checks cost a table walk each.
public struct IDPattern: Sendable, CustomStringConvertible {
    /// Why a pattern was refused.
    public struct InvalidPattern: Error, Sendable {
        /// The engine's explanation.
        public var reason: String
    }

    /// The expression as configured.
    public let source: String
    private let automaton: PatternAutomaton?
    private let expression: CompiledExpression

    /// Compiles `source`; throws when it is not a valid regular expression.
    public init(_ source: String) throws(InvalidPattern) {
        self.source = source
        do {
            expression = CompiledExpression(try NSRegularExpression(pattern: "\\A(?:\(source))\\z"))
        } catch {
            throw InvalidPattern(reason: "not a valid regular expression")
        }
        automaton = PatternAutomaton(source)
    }

    /// Whether `value` matches the whole pattern.
    public func matches(_ value: String) -> Bool {
        if let automaton {
            let result = value.utf8.withContiguousStorageIfAvailable { automaton.matches($0) } ?? automaton.matches(value.utf8)
            if let result { return result }
        }
        return expression.matches(value)
    }

    /// Whether the fast automaton serves this pattern (for tests and benchmarks).
    public var isCompiledToAutomaton: Bool { automaton != nil }

    public var description: String { source }
}

/// `NSRegularExpression` is immutable and documented as safe to share between threads.
private struct CompiledExpression: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ regex: NSRegularExpression) {
        self.regex = regex
    }

    func matches(_ value: String) -> Bool {
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return regex.firstMatch(in: value, options: [], range: range) != nil
    }
}

extension IDPattern {
    /// The default user ID format.
    public static let defaultUser = "^user-[A-Za-z0-9_-]+$"
    /// The default company ID format.
    public static let defaultCompany = "^company-[A-Za-z0-9_-]+$"
    /// The default segment ID format: a cuid, as the platform API assigns.
    public static let defaultPlatformSegment = "^c[a-z0-9]{24}$"
    /// ConfigCat's segment IDs are UUIDs.
    public static let uuid = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"

    /// The default patterns, compiled once.
    enum Compiled {
        static let user = builtIn(IDPattern.defaultUser)
        static let company = builtIn(IDPattern.defaultCompany)
        static let platformSegment = builtIn(IDPattern.defaultPlatformSegment)
        static let uuid = builtIn(IDPattern.uuid)

        /// Compiles a pattern that is known to be valid.
        static func builtIn(_ source: String) -> IDPattern {
            do {
                return try IDPattern(source)
            } catch {
                preconditionFailure("built-in pattern \(source) does not compile")
            }
        }
    }
}
