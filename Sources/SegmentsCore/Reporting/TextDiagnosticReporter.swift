/// `path:line:col: error: message`, the compiler format terminals and editors link, with notes
/// beneath and a summary line. Colour only when asked (a terminal without `NO_COLOR`).
public struct TextDiagnosticReporter: DiagnosticReporter {
    /// Whether to use ANSI colours.
    public var colored: Bool

    /// Creates a reporter.
    public init(colored: Bool = false) {
        self.colored = colored
    }

    public func report(_ diagnostics: [Diagnostic], summary: DiagnosticSummary) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += line(diagnostic)
        }
        out += summary.sentence + "\n"
        return out
    }

    /// One diagnostic and its notes, each on a line.
    public func line(_ diagnostic: Diagnostic) -> String {
        let label = diagnostic.severity == .error
            ? ANSIStyle.paint("error", .red, colored)
            : ANSIStyle.paint("warning", .yellow, colored)
        var out = prefix(diagnostic.location) + label + ": " + UntrustedText.escaped(diagnostic.message) + "\n"
        for note in diagnostic.notes {
            out += prefix(note.location) + ANSIStyle.paint("note", .cyan, colored) + ": " + UntrustedText.escaped(note.message) + "\n"
        }
        return out
    }

    private func prefix(_ location: SourceLocation?) -> String {
        guard let location else { return "" }
        return ANSIStyle.paint(UntrustedText.escaped(location.description) + ":", .bold, colored) + " "
    }
}
