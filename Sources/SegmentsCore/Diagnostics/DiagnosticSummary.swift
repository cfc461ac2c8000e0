/// Counts of a validation run, shown on the summary line and in JSON output.
public struct DiagnosticSummary: Hashable, Sendable {
    /// Number of error diagnostics.
    public var errors: Int
    /// Number of warning diagnostics.
    public var warnings: Int
    /// Number of segment files that were read.
    public var files: Int

    /// Counts the diagnostics of a run over `files` files.
    public init(diagnostics: [Diagnostic], files: Int) {
        errors = diagnostics.count { $0.severity == .error }
        warnings = diagnostics.count { $0.severity == .warning }
        self.files = files
    }

    /// Whether the run fails: any error, or any warning when warnings are treated as errors.
    public func fails(strict: Bool) -> Bool {
        errors > 0 || (strict && warnings > 0)
    }

    /// `2 errors, 1 warning in 14 files`.
    public var sentence: String {
        "\(Self.count(errors, "error")), \(Self.count(warnings, "warning")) in \(Self.count(files, "file"))"
    }

    /// `1 file`, `2 files`.
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
