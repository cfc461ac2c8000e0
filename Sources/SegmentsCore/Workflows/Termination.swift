/// The one mapping from an error to what segctl prints on standard error and its exit status.
public enum Termination {
    /// The exit status for `error`.
    public static func status(for error: any Error) -> ExitStatus {
        switch error {
        case let status as ExitStatus: status
        case let error as SegctlError:
            switch error {
            case .configuration, .usage: .usage
            case .invalid, .failed: .failure
            }
        default: .failure
        }
    }

    /// The text for standard error (empty for a bare exit status), every line ending in a newline.
    public static func message(for error: any Error, colored: Bool) -> String {
        switch error {
        case is ExitStatus:
            return ""
        case let error as SegctlError:
            switch error {
            case .configuration(let diagnostics):
                return TextDiagnosticReporter(colored: colored).report(diagnostics, summary: DiagnosticSummary(diagnostics: diagnostics, files: 0))
            case .usage(let message):
                return line(message)
            case .invalid(let diagnostics, let summary, let message):
                return TextDiagnosticReporter(colored: colored).report(diagnostics, summary: summary) + line(message)
            case .failed(let message, let before, let details, let advice):
                var out = before.map(line).joined() + line(message)
                for detail in details { out += "  - \(UntrustedText.escaped(detail))\n" }
                if let advice { out += line(advice) }
                return out
            }
        default:
            return line(String(describing: error))
        }
    }

    /// `segctl: error: <message>`, control characters escaped.
    public static func line(_ message: String) -> String {
        "segctl: error: \(UntrustedText.escaped(message))\n"
    }
}
