/// One JSON document: `{"diagnostics": [...], "summary": {...}}`, schema in the README.
public struct JSONDiagnosticReporter: DiagnosticReporter {
    /// Creates a reporter.
    public init() {}

    public func report(_ diagnostics: [Diagnostic], summary: DiagnosticSummary) -> String {
        let document = JSONValue.object([
            ("diagnostics", .array(diagnostics.map(Self.value))),
            ("summary", .object([
                ("errors", .int(summary.errors)),
                ("warnings", .int(summary.warnings)),
                ("files", .int(summary.files)),
            ])),
        ])
        return document.serialized() + "\n"
    }

    static func value(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("file", .optional(diagnostic.location?.file)),
            ("line", diagnostic.location.map { .int($0.line) } ?? .null),
            ("column", diagnostic.location.map { .int($0.column) } ?? .null),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("rule", .string(diagnostic.rule)),
            ("message", .string(diagnostic.message)),
            ("notes", .array(diagnostic.notes.map { note in
                .object([
                    ("file", .optional(note.location?.file)),
                    ("line", note.location.map { .int($0.line) } ?? .null),
                    ("column", note.location.map { .int($0.column) } ?? .null),
                    ("message", .string(note.message)),
                ])
            })),
        ])
    }
}
