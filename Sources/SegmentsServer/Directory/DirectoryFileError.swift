import SegmentsCore

/// A directory file that could not be read or is invalid: every problem found, each located
/// at `file:line:column`, so the whole file can be fixed in one pass.
public struct DirectoryFileError: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var diagnostics: [Diagnostic]

    /// Creates an error from its problems.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = Diagnostic.sorted(diagnostics)
    }

    /// One `path:line:column: error: message` line per problem, notes beneath.
    public var description: String {
        let reporter = TextDiagnosticReporter()
        return diagnostics.map(reporter.line).joined()
    }
}
