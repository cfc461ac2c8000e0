/// GitHub Actions workflow commands (`::error file=...,line=...,col=...,title=...::message`),
/// which pull-request reviews show inline on the lines concerned.
public struct GitHubDiagnosticReporter: DiagnosticReporter {
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
        out += summary.sentence + "\n"
        return out
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
