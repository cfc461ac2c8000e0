import Logging
import SegmentsDisk

/// How to run the server: where to listen, which database and directory to use, and limits.
public struct ServerOptions: Sendable {
    /// The default request body limit: 16 MiB.
    public static let defaultMaxBodySize = 16 * 1024 * 1024
    /// The default limit on the directory file: 64 MiB.
    public static let defaultMaxDirectorySize = 64 * 1024 * 1024
    /// The default time a connection may stay idle: 30 seconds.
    public static let defaultIdleTimeout = Duration.seconds(30)
    /// File descriptors kept back from connections for the database, the directory file,
    /// standard streams and the event loops.
    public static let reservedFileDescriptors = 128
    /// The most connections the default allows, whatever the open-file limit.
    public static let maxDefaultConnections = 4096

    /// The default connection cap: the soft open-file limit less `reservedFileDescriptors`,
    /// at most `maxDefaultConnections` (and at least 16), so that open connections cannot
    /// starve the server of descriptors.
    public static var defaultMaxConnections: Int {
        min(maxDefaultConnections, max(16, Platform.openFileLimit - reservedFileDescriptors))
    }

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
    /// The largest directory file read, in bytes; a larger one fails the start.
    public var maxDirectorySize: Int
    /// How long a connection may stay idle (no request in progress) before it is closed;
    /// nil keeps idle connections open.
    public var idleTimeout: Duration?
    /// The most connections open at once (see `ConnectionLimiter`).
    public var maxConnections: Int
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
        maxDirectorySize: Int = ServerOptions.defaultMaxDirectorySize,
        idleTimeout: Duration? = ServerOptions.defaultIdleTimeout,
        maxConnections: Int = ServerOptions.defaultMaxConnections,
        logLevel: Logger.Level = .info
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.directoryFile = directoryFile
        self.superAdminToken = superAdminToken
        self.maxBodySize = maxBodySize
        self.maxDirectorySize = maxDirectorySize
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
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
            + "maxBodySize: \(maxBodySize), maxDirectorySize: \(maxDirectorySize), "
            + "idleTimeout: \(idleTimeout.map { "\($0)" } ?? "none"), maxConnections: \(maxConnections), logLevel: \(logLevel))"
    }
}
