import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SegmentsServer

/// `segments-server`: turns flags and the environment into `ServerOptions` and runs the server.
@main
struct SegmentsServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments-server",
        abstract: "Serves the platform segments API (/api/platform/segments) from SQLite.",
        discussion: """
            Every endpoint requires 'Authorization: Bearer <token>' of a Super Admin: a token from \
            the directory file, or the bootstrap token in SEGMENTS_SUPER_ADMIN_TOKEN. Once the port \
            is bound, one line 'segments-server listening on http://HOST:PORT' is printed to \
            standard output; logs go to standard error.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port = 8080

    @Option(help: ArgumentHelp("The SQLite database file (created if missing).", valueName: "path"))
    var db: String?

    @Flag(help: "Keep the database in memory (the default when --db is not given).")
    var inMemory = false

    @Option(help: ArgumentHelp("A YAML or JSON directory of companies, users, tokens and feature flags.", valueName: "file"))
    var directory: String?

    @Option(
        help: ArgumentHelp("The largest request body accepted: bytes, or with a KiB, MiB or GiB suffix (default: 16MiB).", valueName: "size"),
        transform: parseByteCount)
    var maxBodySize = ServerOptions.defaultMaxBodySize

    @Option(
        help: ArgumentHelp(
            "The largest directory file read; only a regular file is read, never a device or a pipe (default: 64MiB).",
            valueName: "size"),
        transform: parseByteCount)
    var maxDirectorySize = ServerOptions.defaultMaxDirectorySize

    @Option(help: ArgumentHelp("Seconds a connection may stay idle (no request in progress) before it is closed.", valueName: "seconds"))
    var idleTimeout = 30

    @Option(help: ArgumentHelp(
        "The most connections open at once; when full, the connection idle longest is closed to admit a new one. "
            + "The default is the open-file limit less \(ServerOptions.reservedFileDescriptors), at most \(ServerOptions.maxDefaultConnections).",
        valueName: "count"))
    var maxConnections = ServerOptions.defaultMaxConnections

    @Option(
        help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (default: info).", valueName: "level"),
        transform: parseLogLevel)
    var logLevel = Logger.Level.info

    func validate() throws {
        if db != nil && inMemory {
            throw ValidationError("--db and --in-memory cannot be used together")
        }
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535")
        }
        guard idleTimeout >= 1 else {
            throw ValidationError("--idle-timeout must be at least 1 second")
        }
        guard maxConnections >= 1 else {
            throw ValidationError("--max-connections must be at least 1")
        }
    }

    func run() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let options = ServerOptions(
            host: host, port: port, databasePath: db, directoryFile: directory,
            superAdminToken: ProcessInfo.processInfo.environment["SEGMENTS_SUPER_ADMIN_TOKEN"],
            maxBodySize: maxBodySize, maxDirectorySize: maxDirectorySize, idleTimeout: .seconds(idleTimeout),
            maxConnections: maxConnections, logLevel: logLevel)
        let urlHost = host.contains(":") ? "[\(host)]" : host
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(options) { port in
                FileHandle.standardOutput.write(Data("segments-server listening on http://\(urlHost):\(port)\n".utf8))
            }
        } catch let error as DirectoryFileError {
            FileHandle.standardError.write(Data(error.description.utf8))
            throw ExitCode.failure
        }
        try await app.runService()
    }
}

private func parseByteCount(_ text: String) throws -> Int {
    guard let bytes = ServerOptions.byteCount(parsing: text) else {
        throw ValidationError("'\(text)' is not a size: use bytes (1048576) or KiB, MiB, GiB (16MiB)")
    }
    return bytes
}

private func parseLogLevel(_ text: String) throws -> Logger.Level {
    guard let level = Logger.Level(rawValue: text.lowercased()) else {
        let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationError("'\(text)' is not a log level: use one of \(levels)")
    }
    return level
}
