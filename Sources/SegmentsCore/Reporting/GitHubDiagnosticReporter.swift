/// GitHub Actions workflow commands (`::error file=...,line=...,col=...,title=...::message`),
/// which pull-request reviews show inline on the lines concerned.
///
/// GitHub turns at most `annotationLimit` errors and as many warnings of one step into
/// annotations and drops the rest silently. Every problem is still printed (the log shows them
/// all); when some are beyond the limit, a `::notice::` and the summary line say how many.
public struct GitHubDiagnosticReporter: DiagnosticReporter {
    /// The most error annotations, and the most warning annotations, GitHub shows for a step.
    public static let annotationLimit = 10

    /// Creates a reporter.
    public init() {}

    public func report(_ diagnostics: [Diagnostic], summary: DiagnosticSummary) -> String {
        var out = ""
        for diagnostic in diagnostics {
            var properties: [String] = []
            if let location = diagnostic.location {
                properties.append("file=\(Self.escapeProperty(location.file))")
                properties.append("line=\(location.line)")
                properties.append("col=\(location.column)")
            }
            properties.append("title=\(Self.escapeProperty(diagnostic.rule))")
            var message = diagnostic.message
            for note in diagnostic.notes {
                message += "\n" + (note.location.map { "\($0): " } ?? "") + note.message
            }
            let command = diagnostic.severity == .error ? "error" : "warning"
            out += "::\(command) \(properties.joined(separator: ","))::\(UntrustedText.escaped(Self.escapeData(message)))\n"
        }
        let hidden = Self.beyondLimit(diagnostics)
        guard !hidden.isEmpty else {
            return out + summary.sentence + "\n"
        }
        let limit = Self.annotationLimit
        out += "::notice title=\(Self.escapeProperty("more problems than annotations"))::"
        out += Self.escapeData("GitHub shows at most \(limit) error and \(limit) warning annotations per step; \(hidden) beyond that are listed only in this step's log") + "\n"
        out += "\(summary.sentence) (\(hidden) not shown as annotations)\n"
        return out
    }

    /// `3 errors and 1 warning`: the problems GitHub will not show as annotations, or "" if none.
    static func beyondLimit(_ diagnostics: [Diagnostic]) -> String {
        let errors = max(0, diagnostics.count { $0.severity == .error } - annotationLimit)
        let warnings = max(0, diagnostics.count { $0.severity == .warning } - annotationLimit)
        let parts = [(errors, "error"), (warnings, "warning")].filter { $0.0 > 0 }
        return parts.map { DiagnosticSummary.count($0.0, $0.1) }.joined(separator: " and ")
    }

    /// Escapes a command's message as the runner expects.
    static func escapeData(_ s: String) -> String {
        s.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A"])
    }

    /// Escapes a property value, which additionally may not hold `:` or `,`.
    static func escapeProperty(_ s: String) -> String {
        s.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }
}

extension String {
    /// Replaces each character that is a key of `table` by its value, in one pass.
    func replacingAll(_ table: [Character: String]) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in self {
            if let r = table[c] { out += r } else { out.append(c) }
        }
        return out
    }
}
