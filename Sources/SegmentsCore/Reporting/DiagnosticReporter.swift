/// Renders validation diagnostics in one output format.
public protocol DiagnosticReporter: Sendable {
    /// The whole output for `diagnostics` and their summary, ending with a newline.
    func report(_ diagnostics: [Diagnostic], summary: DiagnosticSummary) -> String
}

/// The output formats of `segctl validate`.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, github, junit

    /// A reporter for this format; colour applies to text only; `files` (the segment files
    /// validated) and `strict` to JUnit only, which reports each file as a test case.
    public func reporter(colored: Bool, files: [String] = [], strict: Bool = false) -> any DiagnosticReporter {
        switch self {
        case .text: TextDiagnosticReporter(colored: colored)
        case .json: JSONDiagnosticReporter()
        case .github: GitHubDiagnosticReporter()
        case .junit: JUnitDiagnosticReporter(files: files, strict: strict)
        }
    }
}
