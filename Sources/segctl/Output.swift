#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// segctl's exit statuses, chosen in one place.
enum Status: Int32 {
    /// Success; for plan --detailed-exitcode, no changes.
    case success = 0
    /// Invalid files, a failed change, or any other error.
    case failure = 1
    /// A usage or configuration error; for plan --detailed-exitcode, changes are present.
    case usage = 2
}

/// Writing to the standard streams and deciding on colour.
enum Output {
    /// Writes `text` to standard output.
    static func standardOutput(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    /// Writes `text` to standard error.
    static func standardError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// Writes all of `text`, unbuffered, so output interleaves with child processes correctly.
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }

    /// Whether standard output (or error) is a terminal that wants colour: a TTY and no `NO_COLOR`.
    static func wantsColor(standardError: Bool = false) -> Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        return isatty(standardError ? STDERR_FILENO : STDOUT_FILENO) == 1
    }

    /// Whether standard output is a terminal.
    static var isTerminalOutput: Bool {
        isatty(STDOUT_FILENO) == 1
    }

    /// Whether standard input is a terminal a person can answer on.
    static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1
    }

    /// Exits the process with `status`.
    static func exit(_ status: Status) -> Never {
        Glibc.exit(status.rawValue)
    }
}
