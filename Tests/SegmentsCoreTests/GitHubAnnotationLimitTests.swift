import Testing
import SegmentsCore

/// GitHub shows at most 10 error and 10 warning annotations per step: beyond that the GitHub
/// format says so, and at or below it the output is unchanged (`golden/validate.github`).
struct GitHubAnnotationLimitTests {
    /// `errors` id-format errors and `warnings` duplicate-id warnings, one per line of one file.
    static func diagnostics(errors: Int, warnings: Int) -> [Diagnostic] {
        let file = "segments/customers/enterprise.yaml"
        let errorList = (0..<errors).map { i in
            Diagnostic.error("id-format", "'usr-\(i)' does not match the user ID format '^user-[A-Za-z0-9_-]+$'", at: SourceLocation(file: file, line: 4 + i, column: 5))
        }
        let warningList = (0..<warnings).map { i in
            Diagnostic.warning("duplicate-id", "'user-\(i)' is listed twice in 'userIds' (lines 3 and \(40 + i))", at: SourceLocation(file: file, line: 40 + i, column: 5))
        }
        return errorList + warningList
    }

    @Test func beyondTheLimit() throws {
        let diagnostics = Self.diagnostics(errors: 13, warnings: 11)
        let output = GitHubDiagnosticReporter().report(diagnostics, summary: DiagnosticSummary(diagnostics: diagnostics, files: 1))
        let (expected, actual) = try Golden.check(output, against: "reporting/validate-many.github")
        #expect(actual == expected)
    }

    @Test(arguments: [(10, 10), (10, 0), (0, 10), (3, 2)])
    func atOrBelowTheLimitNothingIsAdded(errors: Int, warnings: Int) {
        let diagnostics = Self.diagnostics(errors: errors, warnings: warnings)
        let summary = DiagnosticSummary(diagnostics: diagnostics, files: 1)
        let output = GitHubDiagnosticReporter().report(diagnostics, summary: summary)
        #expect(!output.contains("::notice"))
        #expect(output.hasSuffix("\n" + summary.sentence + "\n"))
        #expect(output.split(separator: "\n").count == errors + warnings + 1)
    }

    @Test func onlyTheKindOverTheLimitIsCounted() {
        let diagnostics = Self.diagnostics(errors: 2, warnings: 12)
        let output = GitHubDiagnosticReporter().report(diagnostics, summary: DiagnosticSummary(diagnostics: diagnostics, files: 1))
        #expect(output.contains("per step; 2 warnings beyond that are listed only in this step's log\n"))
        #expect(output.hasSuffix("2 errors, 12 warnings in 1 file (2 warnings not shown as annotations)\n"))
    }
}
