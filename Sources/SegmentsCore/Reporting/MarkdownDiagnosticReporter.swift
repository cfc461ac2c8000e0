/// Validation results as Markdown for a CI job summary (GitHub's `GITHUB_STEP_SUMMARY`): a
/// heading, the summary line, and a table of problems (location, severity, rule, message).
///
/// Errors come before warnings, each in file order; past `maxRows` rows the table stops with
/// "and N more". Text from files is escaped so that it cannot break the table or add markup.
public struct MarkdownDiagnosticReporter: DiagnosticReporter {
    /// The most characters of one message shown in a cell.
    public static let maxMessageLength = 500

    /// The most problems listed in the table.
    public var maxRows: Int

    /// Creates a reporter listing at most `maxRows` problems.
    public init(maxRows: Int = 50) {
        self.maxRows = max(0, maxRows)
    }

    public func report(_ diagnostics: [Diagnostic], summary: DiagnosticSummary) -> String {
        let mark = summary.errors > 0 ? ":x:" : summary.warnings > 0 ? ":warning:" : ":white_check_mark:"
        var out = "### segctl validate\n\n\(mark) \(summary.sentence)\n"
        guard !diagnostics.isEmpty else { return out }
        let ordered = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity == .warning }
        out += "\n| Location | Severity | Rule | Message |\n|---|---|---|---|\n"
        for diagnostic in ordered.prefix(maxRows) {
            out += "| \(Self.cell(diagnostic.location?.fileAndLine ?? "(no file)")) | \(diagnostic.severity.rawValue) "
            out += "| \(Self.cell(diagnostic.rule)) | \(Self.cell(Self.message(diagnostic))) |\n"
        }
        if ordered.count > maxRows {
            let more = ordered.count - maxRows
            out += "\nand \(more) more \(more == 1 ? "problem" : "problems"), listed in the step's log.\n"
        }
        return out
    }

    /// The message, shortened, with its notes as `(path:line: note)`.
    static func message(_ diagnostic: Diagnostic) -> String {
        var text = diagnostic.message
        if text.count > maxMessageLength {
            text = String(text.prefix(maxMessageLength)) + "…"
        }
        for note in diagnostic.notes {
            text += " (" + (note.location.map { "\($0.fileAndLine): " } ?? "") + note.message + ")"
        }
        return text
    }

    /// One table cell: control characters made visible, then every character Markdown or HTML
    /// would read as markup escaped, so the text shows as written.
    static func cell(_ text: String) -> String {
        UntrustedText.escaped(text).replacingScalars { markup[$0] }
    }

    /// Markdown's and HTML's active characters (with `$`, which opens math on GitHub), and how
    /// to write each as itself.
    private static let markup: [Unicode.Scalar: String] = [
        "\\": "\\\\", "|": "\\|", "`": "\\`", "*": "\\*", "_": "\\_", "~": "\\~",
        "[": "\\[", "]": "\\]", "#": "\\#", "!": "\\!", "$": "\\$",
        "&": "&amp;", "<": "&lt;", ">": "&gt;",
    ]
}
