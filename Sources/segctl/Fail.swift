import SegmentsCore

/// Ending the process on an error, with one line on standard error.
enum Fail {
    static func with(_ message: String) -> Never {
        Output.standardError("segctl: error: \(message)\n")
        Output.exit(.failure)
    }

    static func with(_ error: any Error) -> Never {
        if case RemoteFailure.ambiguous(let reason) = error { with(reason) }
        with(String(describing: error))
    }
}
