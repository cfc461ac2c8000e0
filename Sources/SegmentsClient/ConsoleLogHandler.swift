import Logging
import SegmentsCore
import SegmentsDisk

/// Log lines for people: `segctl: warning: ...` on standard error, nothing else, with
/// control characters escaped (messages can quote a server).
public struct ConsoleLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        Console.standardError("segctl: \(event.level == .notice ? "note" : event.level.rawValue): \(UntrustedText.escaped("\(event.message)"))\n")
    }

    /// A logger that writes through this handler: requests too when `verbose`.
    public static func logger(verbose: Bool) -> Logger {
        Logger(label: "segctl") { _ in ConsoleLogHandler(logLevel: verbose ? .debug : .notice) }
    }
}
