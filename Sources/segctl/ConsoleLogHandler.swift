import Logging

/// Log lines for people: `segctl: warning: ...` on standard error, nothing else.
struct ConsoleLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        Output.standardError("segctl: \(event.level == .notice ? "note" : event.level.rawValue): \(event.message)\n")
    }

    /// A logger at `level` that writes through this handler.
    static func logger(verbose: Bool) -> Logger {
        Logger(label: "segctl") { _ in ConsoleLogHandler(logLevel: verbose ? .debug : .notice) }
    }
}
