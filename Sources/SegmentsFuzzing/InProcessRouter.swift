import Hummingbird
import Logging
import NIOCore
import NIOConcurrencyHelpers
import NIOEmbedded
@_spi(Fuzzing) import SegmentsServer

/// segments-server's router driven in process: a request in, its status and body out, no
/// socket. HummingbirdTesting's `.router` framework does the same but makes a testing channel
/// per request and never finishes it; each one stayed alive (about 20 KB), and a ten-minute
/// fuzz run of the server ended at the 2 GB memory limit. Here every request shares one
/// channel, which only supplies the context's event loop and allocator.
struct InProcessRouter: Sendable {
    /// What the router answered.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var body: ByteBuffer
    }

    let responder: RouterResponder<BasicRequestContext>
    let channel: NIOAsyncTestingChannel
    let logger: Logger

    init(_ options: ServerOptions) async throws {
        var logger = Logger(label: "segments-server-fuzz")
        logger.logLevel = options.logLevel
        self.logger = logger
        responder = try await buildRouter(options, logger: logger).buildResponder()
        channel = NIOAsyncTestingChannel()
    }

    /// Sends one request through the router.
    func execute(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Answer {
        var headers = headers
        if let body { headers[.contentLength] = String(body.readableBytes) }
        let request = Request(
            head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: headers),
            body: RequestBody(buffer: body ?? ByteBuffer()))
        let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            // What Hummingbird's server answers for an error no middleware turned into a response.
            response = Response(status: (error as? any HTTPResponseError)?.status ?? .internalServerError)
        }
        let collector = BodyCollector()
        try await response.body.write(collector)
        return Answer(status: response.status, body: collector.body.withLockedValue { $0 })
    }

    /// Collects a response body.
    private struct BodyCollector: ResponseBodyWriter {
        let body = NIOLockedValueBox(ByteBuffer())

        func write(_ buffer: ByteBuffer) async throws {
            body.withLockedValue { _ = $0.writeImmutableBuffer(buffer) }
        }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
