/// A broken promise of an entry point: the input, the property it broke, and what happened
/// instead. The fuzz targets stop on it (so libFuzzer keeps the input); the corpus replay in
/// `swift test` reports it as a failed test.
public struct InvariantViolation: Error, Sendable, CustomStringConvertible {
    /// What was expected and what happened, for the crash log and the test report.
    public var description: String

    /// A violation described by `description`.
    public init(_ description: String) {
        self.description = description
    }

    /// Throws a violation saying `message` unless `condition` holds.
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(InvariantViolation) {
        if !condition { throw InvariantViolation(message()) }
    }
}
