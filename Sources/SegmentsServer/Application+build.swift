import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import SegmentsCore
import SegmentsDisk

/// The path every endpoint lives under.
let segmentsBasePath: RouterPath = "/api/platform/segments"

/// Builds the server: opens the database, loads the directory file if one is given, and
/// wires the routes. `onListening` receives the bound port once the server accepts requests.
/// - Throws: `DirectoryFileError` for a directory file that cannot be read or is invalid,
///   or the database's error if it cannot be opened.
public func buildApplication(
    _ options: ServerOptions,
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "segments-server")
    logger.logLevel = options.logLevel

    let router = try await buildRouter(options, logger: logger)
    let limiter = ConnectionLimiter(maxConnections: options.maxConnections)
    let http = HTTP1Channel.Configuration(
        additionalChannelHandlers: [ConnectionSlotHandler(limiter: limiter)],
        idleTimeout: options.idleTimeout.map(TimeAmount.init))
    return Application(
        router: router,
        server: .http1(configuration: http),
        configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port)),
        onServerRunning: { channel in
            await onListening(channel.localAddress?.port ?? options.port)
        },
        logger: logger)
}

/// The router of a server started with `options`: its store opened, the directory file
/// loaded, the credentials registered. Public for the fuzz target only, which drives it in
/// process, without a server.
@_spi(Fuzzing) public func buildRouter(_ options: ServerOptions, logger: Logger) async throws -> Router<BasicRequestContext> {
    let store = try SegmentStore(path: options.databasePath)
    if let path = options.directoryFile {
        try await store.loadDirectory(try readDirectoryFile(path, limit: options.maxDirectorySize))
        let counts = try await store.directoryCounts()
        logger.info(
            "loaded directory \(path): \(counts.companies) companies, \(counts.users) users, \(counts.tokens) tokens, \(counts.featureFlags) feature flags")
    }
    if options.superAdminToken?.isEmpty ?? true {
        logger.warning("no bootstrap token: SEGMENTS_SUPER_ADMIN_TOKEN is not set, so only directory tokens are accepted")
    }
    let credentials = CredentialRegistry(directory: try await store.credentials(), bootstrapToken: options.superAdminToken)
    return buildRouter(store: store, credentials: credentials, maxBodySize: options.maxBodySize)
}

/// The router: request logging, error rendering and authentication around the two controllers.
func buildRouter(store: SegmentStore, credentials: CredentialRegistry, maxBodySize: Int) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: APIErrorMiddleware())
    router.add(middleware: BearerAuthMiddleware(credentials: credentials))
    let bodyReader = JSONBodyReader(maxBytes: maxBodySize)
    // Directory routes first: their constant paths must win over the segments' `:id`.
    router.addRoutes(DirectoryController(store: store, bodyReader: bodyReader).routes, atPath: segmentsBasePath)
    router.addRoutes(SegmentsController(store: store, bodyReader: bodyReader).routes, atPath: segmentsBasePath)
    return router
}

/// The directory file's bytes, or a `DirectoryFileError` saying why they cannot be read:
/// only a regular file of at most `limit` bytes is read (never a device or a FIFO).
private func readDirectoryFile(_ path: String, limit: Int) throws(DirectoryFileError) -> SourceFile {
    do {
        return SourceFile(path: path, bytes: try FileSystem.read(path, limit: limit))
    } catch {
        throw DirectoryFileError(diagnostics: [
            .error("unreadable-file", "cannot read the directory file '\(path)': \(error.reason)", at: nil),
        ])
    }
}
