/// A configured format (a regular expression that must match the whole string), e.g. for user IDs.
///
/// Patterns are compiled to a deterministic automaton, so a match costs one table lookup per
/// byte whatever the pattern: validation of a million IDs never depends on a pattern's
/// backtracking behaviour. The syntax is the common subset of regular expressions (see
/// `PatternParser`); `\d`, `\w` and `\s` are ASCII classes. Constructs that need a
/// backtracking engine (lookaround, back-references, atomic groups, flags) are refused.
public struct IDPattern: Sendable, CustomStringConvertible {
    /// Why a pattern was refused.
    public struct InvalidPattern: Error, Sendable {
        /// The rest of a sentence that starts with the pattern, e.g. "is not a valid regular
        /// expression: a '(' is never closed".
        public var reason: String
    }

    /// The expression as configured.
    public let source: String
    private let automaton: PatternAutomaton

    /// Compiles `source`; throws when it is not a valid pattern or uses an unsupported construct.
    public init(_ source: String) throws(InvalidPattern) {
        self.source = source
        do {
            automaton = try PatternAutomaton(source)
        } catch {
            throw InvalidPattern(reason: error.reason)
        }
    }

    /// Whether `value` matches the whole pattern.
    public func matches(_ value: String) -> Bool {
        value.utf8.withContiguousStorageIfAvailable { automaton.matches($0) } ?? automaton.matches(value.utf8)
    }

    public var description: String { source }
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
