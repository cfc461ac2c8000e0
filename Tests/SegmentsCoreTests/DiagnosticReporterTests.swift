import Testing
import SegmentsCore

/// Every validate output format is a contract, pinned by a golden file.
struct DiagnosticReporterTests {
    static let diagnostics: [Diagnostic] = {
        let files = [
            SourceFile(path: "segments/beta.yaml", text: "name: beta\nisActive: yes\nuserIDs: [user-1]\nuserIds:\n  - user-1\n  - usr-2\n  - user-1\n"),
            SourceFile(path: "segments/team/dup.yaml", text: "name: beta\ndescription: \"50% off, with: colons\"\n"),
        ]
        return Validator(config: TargetCatalogue.defaultConfig()).validate(files).diagnostics
    }()

    static let summary = DiagnosticSummary(diagnostics: diagnostics, files: 2)

    @Test(arguments: DiagnosticFormat.allCases)
    func golden(_ format: DiagnosticFormat) throws {
        let output = format.reporter(colored: false).report(Self.diagnostics, summary: Self.summary)
        let (expected, actual) = try Golden.check(output, against: "validate.\(format.rawValue)")
        #expect(actual == expected)
    }

    @Test func textColoursOnlyWhenAsked() {
        let plain = TextDiagnosticReporter(colored: false).report(Self.diagnostics, summary: Self.summary)
        let colored = TextDiagnosticReporter(colored: true).report(Self.diagnostics, summary: Self.summary)
        #expect(!plain.contains("\u{1B}["))
        #expect(colored.contains("\u{1B}[31merror\u{1B}[0m"))
    }

    @Test func githubEscapesPropertiesAndData() {
        let diagnostic = Diagnostic.error("rule", "50% done\nnext", at: SourceLocation(file: "a,b:c.yaml", line: 1, column: 2))
        let output = GitHubDiagnosticReporter().report([diagnostic], summary: DiagnosticSummary(diagnostics: [diagnostic], files: 1))
        #expect(output.hasPrefix("::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=rule::50%25 done%0Anext\n"))
    }
}
