import Testing
import SegmentsCore

/// The job summary of validate: a golden file, the cap, and escaping for Markdown tables.
struct MarkdownDiagnosticReporterTests {
    @Test func golden() throws {
        let output = MarkdownDiagnosticReporter().report(DiagnosticReporterTests.diagnostics, summary: DiagnosticReporterTests.summary)
        let (expected, actual) = try Golden.check(output, against: "reporting/validate.md")
        #expect(actual == expected)
    }

    @Test func cappedWithErrorsFirstAndEscaped() throws {
        let diagnostics = Diagnostic.sorted([
            .warning("duplicate-id", "'user-1' is listed twice", at: SourceLocation(file: "segments/a.yaml", line: 1, column: 1)),
            .error("unknown-key", "unknown key 'a|b' <script> *bold* [link](x) `code` \\ & _u_\nnext", at: SourceLocation(file: "segments/b|c.yaml", line: 4, column: 2)),
            .error("id-format", "'usr-2' does not match the user ID format", at: SourceLocation(file: "segments/c.yaml", line: 7, column: 5)),
            .error("config", "segments is not a directory", at: nil),
        ])
        let summary = DiagnosticSummary(diagnostics: diagnostics, files: 3)
        let output = MarkdownDiagnosticReporter(maxRows: 2).report(diagnostics, summary: summary)
        let (expected, actual) = try Golden.check(output, against: "reporting/validate-capped.md")
        #expect(actual == expected)
    }

    @Test func noProblems() {
        let output = MarkdownDiagnosticReporter().report([], summary: DiagnosticSummary(diagnostics: [], files: 4))
        #expect(output == "### segctl validate\n\n:white_check_mark: 0 errors, 0 warnings in 4 files\n")
    }

    @Test func aCombiningMarkCannotHideAPipe() {
        let diagnostic = Diagnostic.error("unknown-key", "unknown key 'a|\u{301}b'", at: SourceLocation(file: "segments/a.yaml", line: 1, column: 1))
        let output = MarkdownDiagnosticReporter().report([diagnostic], summary: DiagnosticSummary(diagnostics: [diagnostic], files: 1))
        #expect(output.contains("| unknown key 'a\\|\u{301}b' |\n"))
    }
}
