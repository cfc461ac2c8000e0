/// The diagnostics of one file, bounded: past `limit` they are only counted, so a hostile file
/// with a million bad keys costs a million cheap checks, not a million messages.
public struct DiagnosticList: Sendable {
    /// The most diagnostics kept for one file.
    public static let defaultLimit = 100
    /// The rule identifier of the line that says how many more there were.
    public static let overflowRule = "too-many-problems"

    /// The diagnostics kept, in the order they were found.
    public private(set) var items: [Diagnostic] = []
    /// How many more were found and dropped.
    public private(set) var omittedErrors = 0
    /// How many more warnings were found and dropped.
    public private(set) var omittedWarnings = 0
    /// The most kept.
    public let limit: Int

    /// An empty list keeping at most `limit` diagnostics.
    public init(limit: Int = DiagnosticList.defaultLimit) {
        self.limit = limit
    }

    /// Whether the list is full: further diagnostics are only counted.
    public var isFull: Bool { items.count >= limit }

    /// Whether any error was found, kept or not.
    public var hasErrors: Bool { omittedErrors > 0 || items.contains { $0.severity == .error } }

    /// Adds a diagnostic, built only when it will be kept.
    public mutating func append(_ severity: Diagnostic.Severity, _ make: () -> Diagnostic) {
        if isFull {
            if severity == .error { omittedErrors += 1 } else { omittedWarnings += 1 }
        } else {
            items.append(make())
        }
    }

    /// Adds a diagnostic that is already built.
    public mutating func append(_ diagnostic: Diagnostic) {
        append(diagnostic.severity) { diagnostic }
    }

    /// Adds several.
    public mutating func append(contentsOf diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { append(diagnostic) }
    }

    /// Adds what another list kept, in order, and what it counted.
    public mutating func append(contentsOf other: DiagnosticList) {
        append(contentsOf: other.items)
        omittedErrors += other.omittedErrors
        omittedWarnings += other.omittedWarnings
    }

    /// The kept diagnostics sorted by place, then one saying how many were left out, if any.
    public func sorted(file: String) -> [Diagnostic] {
        var result = Diagnostic.sorted(items)
        let omitted = omittedErrors + omittedWarnings
        guard omitted > 0 else { return result }
        let last = result.last?.location ?? SourceLocation(file: file, line: 1, column: 1)
        var parts: [String] = []
        if omittedErrors > 0 { parts.append(DiagnosticSummary.count(omittedErrors, "more error")) }
        if omittedWarnings > 0 { parts.append(DiagnosticSummary.count(omittedWarnings, "more warning")) }
        result.append(Diagnostic(
            omittedErrors > 0 ? .error : .warning, rule: Self.overflowRule,
            "and \(parts.joined(separator: " and ")) in \(file), not shown; segctl stops listing a file's problems after \(limit)",
            at: last))
        return result
    }
}
