/// An error a command ends with, carrying everything its message needs; `Termination` turns
/// it into text for standard error and an exit status.
public enum SegctlError: Error, Sendable {
    /// `segctl.yaml` or the repository layout cannot be used (exit 2).
    case configuration([Diagnostic])
    /// A usage error found after the arguments parsed (exit 2).
    case usage(String)
    /// Files do not validate: their diagnostics, then `message` (exit 1).
    case invalid([Diagnostic], summary: DiagnosticSummary, message: String)
    /// A failure (exit 1): `before` lines, the `message`, `details` as a list under it, then
    /// `advice`; each of the sentences is printed as `segctl: error: ...`.
    case failed(String, before: [String] = [], details: [String] = [], advice: String? = nil)

    /// A failure with one sentence.
    public static func failed(_ message: String) -> SegctlError {
        .failed(message, before: [], details: [], advice: nil)
    }
}
