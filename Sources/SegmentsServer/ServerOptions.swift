import Logging

/// How to run the server: where to listen, which database and directory to use, and limits.
public struct ServerOptions: Sendable {
    /// The default request body limit: 16 MiB.
    public static let defaultMaxBodySize = 16 * 1024 * 1024

    /// The address to bind; loopback unless told otherwise.
    public var host: String
    /// The port to bind; 0 picks a free one (the bound port is passed to `onListening`).
    public var port: Int
    /// The SQLite file; nil keeps everything in memory.
    public var databasePath: String?
    /// A YAML or JSON directory of users, companies, tokens and feature flags to load at start.
    public var directoryFile: String?
    /// A token that always authenticates as a Super Admin (from `SEGMENTS_SUPER_ADMIN_TOKEN`).
    public var superAdminToken: String?
    /// The largest request body accepted, in bytes; larger ones get 413.
    public var maxBodySize: Int
    /// The least severe level logged.
    public var logLevel: Logger.Level

    /// Creates options; the defaults serve an in-memory database on 127.0.0.1:8080.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        databasePath: String? = nil,
        directoryFile: String? = nil,
        superAdminToken: String? = nil,
        maxBodySize: Int = ServerOptions.defaultMaxBodySize,
        logLevel: Logger.Level = .info
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.directoryFile = directoryFile
        self.superAdminToken = superAdminToken
        self.maxBodySize = maxBodySize
        self.logLevel = logLevel
    }

    /// Parses a size such as `16777216`, `512KiB`, `16MiB` or `1GiB` (suffix case ignored)
    /// into bytes; nil when the text is not such a size or is below 1 byte.
    public static func byteCount(parsing text: String) -> Int? {
        let units: [(suffix: String, factor: Int)] = [("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("b", 1), ("", 1)]
        let lowered = text.lowercased()
        for unit in units where lowered.hasSuffix(unit.suffix) {
            guard let count = Int(lowered.dropLast(unit.suffix.count)), count >= 1 else { return nil }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: unit.factor)
            return overflow ? nil : bytes
        }
        return nil
    }
}

extension ServerOptions: CustomStringConvertible {
    /// The options with the bootstrap token redacted, safe to log.
    public var description: String {
        "ServerOptions(host: \(host), port: \(port), databasePath: \(databasePath ?? "in-memory"), "
            + "directoryFile: \(directoryFile ?? "none"), superAdminToken: \(superAdminToken == nil ? "unset" : "<redacted>"), "
            + "maxBodySize: \(maxBodySize), logLevel: \(logLevel))"
    }
}
