import Hummingbird

/// A server a test starts on loopback and must stop.
public protocol TestService: Sendable {
    /// Stops the server and waits until it has.
    func stop() async
}

/// Runs `body` with `service`, stopping the service afterwards whatever happens.
@discardableResult
public func withService<S: TestService, T>(_ service: S, _ body: (S) async throws -> T) async throws -> T {
    do {
        let result = try await body(service)
        await service.stop()
        return result
    } catch {
        await service.stop()
        throw error
    }
}

/// Starting Hummingbird applications on an ephemeral loopback port.
enum Loopback {
    /// Runs the application `build` makes (it must call its argument with the bound port)
    /// until the returned task is cancelled.
    static func run<App: ApplicationProtocol>(
        _ build: (@escaping @Sendable (Int) async -> Void) async throws -> App
    ) async throws -> (port: Int, task: Task<Void, any Error>) {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = try await build { port in continuation.yield(port) }
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestSupportError("the test server did not start") }
        return (port, task)
    }

    /// Serves `respond` on 127.0.0.1 and a free port.
    static func serve(
        _ respond: @escaping @Sendable (Request) async throws -> Response
    ) async throws -> (port: Int, task: Task<Void, any Error>) {
        try await run { onListening in
            Application(
                responder: CallbackResponder<BasicRequestContext> { request, _ in try await respond(request) },
                configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) })
        }
    }

    /// Cancels a server's task and waits for it to end.
    static func stop(_ task: Task<Void, any Error>) async {
        task.cancel()
        _ = await task.result
    }
}
