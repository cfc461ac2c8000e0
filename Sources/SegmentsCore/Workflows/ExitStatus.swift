/// segctl's exit statuses. Commands throw a status after printing their own output when the
/// outcome is a failure without an error message (invalid files, a failed change); the root
/// command maps every error to a status in one place (`Termination`).
public enum ExitStatus: Int32, Error, Sendable {
    /// Success; for `plan --detailed-exitcode`, no changes.
    case success = 0
    /// Invalid files, a failed change, or any other error.
    case failure = 1
    /// A usage or configuration error; for `plan --detailed-exitcode`, changes are present.
    case usage = 2
}
