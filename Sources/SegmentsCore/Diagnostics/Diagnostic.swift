/// One problem found in a repository: what, where, how bad, and which rule found it.
///
/// Every check in segctl produces these; the CLI decides the exit status once, from the whole list.
public struct Diagnostic: Hashable, Sendable {
    /// How much a diagnostic matters.
    public enum Severity: String, Hashable, Sendable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    /// A secondary place that explains the diagnostic, e.g. the first of two duplicates.
    public struct Note: Hashable, Sendable {
        /// What the other place is.
        public var message: String
        /// Where it is.
        public var location: SourceLocation?

        /// Creates a note.
        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    /// Error or warning.
    public var severity: Severity
    /// The stable identifier of the rule, e.g. `duplicate-key` (used in JSON output and GitHub titles).
    public var rule: String
    /// A sentence for a human, saying what is wrong and, where possible, how to fix it.
    public var message: String
    /// Where the problem is; nil only for problems that belong to no file.
    public var location: SourceLocation?
    /// Other places that help to understand the problem.
    public var notes: [Note]

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, rule: String, _ message: String,
        at location: SourceLocation?, notes: [Note] = []
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// An error diagnostic.
    public static func error(
        _ rule: String, _ message: String, at location: SourceLocation?, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.error, rule: rule, message, at: location, notes: notes)
    }

    /// A warning diagnostic.
    public static func warning(
        _ rule: String, _ message: String, at location: SourceLocation?, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.warning, rule: rule, message, at: location, notes: notes)
    }
}

extension Diagnostic {
    /// Orders diagnostics by file, line and column; diagnostics without a location come first.
    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (l?, r?): return l == r ? a.offset < b.offset : l < r
            }
        }.map(\.element)
    }
}

/// A diagnostic can be thrown where one problem stops the work (e.g. an unreadable file).
extension Diagnostic: Error {}
