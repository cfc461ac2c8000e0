#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SegmentsCore

/// Writing to the standard streams and deciding on colour: segctl's console.
public enum Console {
    /// Writes `text` to standard output.
    public static func standardOutput(_ text: String) {
        write(text, to: Platform.standardOutput)
    }

    /// Writes `text` to standard error.
    public static func standardError(_ text: String) {
        write(text, to: Platform.standardError)
    }

    /// `segctl: warning: <message>` on standard error.
    public static func warning(_ message: String) {
        standardError("segctl: warning: \(UntrustedText.escaped(message))\n")
    }

    /// `segctl: note: <message>` on standard error.
    public static func note(_ message: String) {
        standardError("segctl: note: \(UntrustedText.escaped(message))\n")
    }

    /// `segctl: error: <message>` on standard error, for errors that do not end the command.
    public static func error(_ message: String) {
        standardError(Termination.line(message))
    }

    /// Writes all of `text`, unbuffered, so output interleaves with child processes correctly.
    /// A closed stream (a pipe whose reader left) is not an error worth dying for.
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            try? Platform.write(descriptor, UnsafeRawBufferPointer(buffer))
        }
    }

    /// Whether standard output (or error) is a terminal that wants colour: a TTY and no `NO_COLOR`.
    public static func wantsColor(standardError: Bool = false) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return Platform.isTerminal(standardError ? Platform.standardError : Platform.standardOutput)
    }

    /// The environment segctl runs in.
    public static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Whether standard output is a terminal.
    public static var isTerminalOutput: Bool { Platform.isTerminal(Platform.standardOutput) }

    /// Whether standard input is a terminal a person can answer on.
    public static var isInteractive: Bool { Platform.isTerminal(Platform.standardInput) }
}
