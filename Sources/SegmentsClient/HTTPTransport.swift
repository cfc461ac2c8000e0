import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import SegmentsCore

/// Sends requests with retries, timeouts and rate-limit pacing; the one place that knows
/// AsyncHTTPClient. Errors name the method and path, never a credential.
struct HTTPTransport: Sendable {
    let baseURL: String
    let authorization: Secret
    let authorizationScheme: String
    let settings: ClientSettings
    let logger: Logger
    let gate = RateLimitGate()
    let client: HTTPClient
    /// `host:port` of the base URL, for connection errors.
    let hostAndPort: String
    /// How the API's error responses read: the client's own wording of each status.
    let failure: @Sendable (HTTPReply, _ what: String) -> ClientError

    /// Whether a failed attempt may have reached the server.
    enum Reach {
        case notSent, maybeSent
    }

    /// How an attempt failed before a whole response was read, where AsyncHTTPClient has no
    /// error of its own for it.
    enum AttemptFailure: Error {
        /// No complete response (body included) within the request timeout.
        case timedOut
        /// The body is larger than `maxResponseSize`.
        case tooLarge
    }

    /// A transport to `baseURL` that authenticates with `authorizationScheme authorization`
    /// and words error responses with `failure`.
    init(
        baseURL: String, authorization: Secret, authorizationScheme: String, settings: ClientSettings, logger: Logger,
        failure: @escaping @Sendable (HTTPReply, _ what: String) -> ClientError
    ) {
        self.failure = failure
        self.baseURL = baseURL
        self.authorization = authorization
        self.authorizationScheme = authorizationScheme
        self.settings = settings
        self.logger = logger
        client = HTTPClientPool.client(connectTimeout: settings.connectTimeout)
        hostAndPort = Self.hostAndPort(of: baseURL)
    }

    var retry: RetryPolicy { settings.retry }

    /// Sends a request and throws the API's error for a status other than 2xx: the one path
    /// every call of every client takes.
    func call(_ method: HTTPMethod, _ path: String, json: [UInt8]? = nil, idempotent: Bool) async throws -> HTTPReply {
        let reply = try await send(method, path, json: json, idempotent: idempotent)
        guard reply.isSuccess else { throw failure(reply, "\(method.rawValue) \(path)") }
        return reply
    }

    /// As `call`, with a successful response's body read by a fresh `decoder` per attempt as
    /// it arrives; the reply keeps only the body's first bytes, for messages.
    func call<Decoder: BodyDecoder>(
        _ method: HTTPMethod, _ path: String, idempotent: Bool, decoder: Decoder.Type
    ) async throws -> (reply: HTTPReply, decoded: Result<Decoder.Output, JSONScanner.Failure>) {
        let (reply, decoded) = try await send(method, path, idempotent: idempotent, decoder: decoder)
        guard reply.isSuccess, let decoded else { throw failure(reply, "\(method.rawValue) \(path)") }
        return (reply, decoded)
    }

    /// A GET of something that may not exist: nil for a 404, otherwise as `call`.
    func fetch(_ path: String) async throws -> HTTPReply? {
        let reply = try await send(.GET, path, idempotent: true)
        if reply.status == 404 { return nil }
        guard reply.isSuccess else { throw failure(reply, "GET \(path)") }
        return reply
    }

    /// Sends a request; retries what is safe to retry. `idempotent` is false for POST, whose
    /// ambiguous failures are thrown as `RemoteFailure.ambiguous` for the caller to resolve.
    func send(_ method: HTTPMethod, _ path: String, json body: [UInt8]? = nil, idempotent: Bool) async throws -> HTTPReply {
        try await send(method, path, json: body, idempotent: idempotent, decoder: WholeBody.self).reply
    }

    /// `send`, with a successful response's body read by `decoder` (nil for other statuses,
    /// whose bodies are kept whole for the error message).
    func send<Decoder: BodyDecoder>(
        _ method: HTTPMethod, _ path: String, json body: [UInt8]? = nil, idempotent: Bool, decoder: Decoder.Type
    ) async throws -> (reply: HTTPReply, decoded: Result<Decoder.Output, JSONScanner.Failure>?) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "\(authorizationScheme) \(authorization.value)")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "segctl/0.1")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let what = "\(method.rawValue) \(path)"
        var attempt = 0
        while true {
            attempt += 1
            try await gate.waitForTurn()
            let reply: HTTPReply
            let decoded: Result<Decoder.Output, JSONScanner.Failure>?
            let started = ContinuousClock.now
            do {
                (reply, decoded) = try await exchange(request, decoder: decoder)
                logger.debug("\(what) -> \(reply.status), \(reply.bodyLength) bytes in \(ContinuousClock.now - started)")
            } catch AttemptFailure.tooLarge {
                // The same request would get the same response: not worth another attempt.
                let limit = ByteCount.text(settings.maxResponseSize)
                throw ClientError(.badResponse, "\(what): the response is larger than \(limit) (--max-response-size); raise the limit with --max-response-size")
            } catch {
                try Task.checkCancellation()
                let reach = Self.reach(of: error)
                let reason = describe(error)
                if reach == .maybeSent && !idempotent {
                    throw RemoteFailure.ambiguous("\(what): \(reason); the request may have reached the server")
                }
                guard attempt < retry.maxAttempts else {
                    // A connection failure names the host and port already. (RemoteEndpoint
                    // refuses a base URL with user info, so it can be shown.)
                    let place = Self.connectFailure(error, connectTimeout: settings.connectTimeout) == nil ? " (\(baseURL))" : ""
                    throw ClientError(.unreachable, "\(what) failed after \(attempt) attempt\(attempt == 1 ? "" : "s"): \(reason)\(place)")
                }
                let delay = retry.backoff(afterAttempt: attempt)
                logger.warning("\(what): \(reason); retrying in \(Self.seconds(delay)) (attempt \(attempt + 1) of \(retry.maxAttempts))")
                try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                continue
            }
            if (300..<400).contains(reply.status) {
                throw redirectFailure(reply, what)
            }
            if let pause = await gate.record(
                remaining: reply.headers.first(name: "X-Rate-Limit-Remaining"),
                reset: reply.headers.first(name: "X-Rate-Limit-Reset"), maxWait: retry.maxRetryAfter), pause > 0 {
                logger.notice("rate limit reached; pausing \(Self.seconds(pause)) until it resets")
            }
            guard Self.retryable(reply.status, idempotent: idempotent) else {
                if !idempotent, [502, 504].contains(reply.status) {
                    throw RemoteFailure.ambiguous("\(what): HTTP \(reply.status) from a gateway; the request may have reached the server")
                }
                return (reply, decoded)
            }
            let retryAfter = reply.headers.first(name: "Retry-After").flatMap { RetryPolicy.retryAfterSeconds($0, now: Date().timeIntervalSince1970) }
            if let retryAfter, retryAfter > retry.maxRetryAfter {
                throw ClientError(.rateLimited, "\(what): HTTP \(reply.status); the server asks to retry after \(Self.seconds(retryAfter)), longer than segctl waits (\(Self.seconds(retry.maxRetryAfter)))", status: reply.status)
            }
            guard attempt < retry.maxAttempts else {
                let kind: ClientError.Kind = reply.status == 429 ? .rateLimited : .server
                throw ClientError(kind, "\(what): HTTP \(reply.status) after \(attempt) attempts; giving up", status: reply.status)
            }
            let delay = retryAfter ?? retry.backoff(afterAttempt: attempt)
            logger.warning("\(what): HTTP \(reply.status); retrying in \(Self.seconds(delay)) (attempt \(attempt + 1) of \(retry.maxAttempts))")
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
        }
    }

    /// One attempt: the request and its whole body, within the request timeout.
    ///
    /// AsyncHTTPClient's deadline ends when the response head arrives, so a server that stalls
    /// or trickles the body would hold segctl forever. A timer on the client's event loop
    /// cancels the attempt instead (cancelling the body's iteration closes the connection):
    /// one task per attempt, where racing a sleeping task cost three.
    func exchange<Decoder: BodyDecoder>(
        _ request: HTTPClientRequest, decoder: Decoder.Type
    ) async throws -> (HTTPReply, Result<Decoder.Output, JSONScanner.Failure>?) {
        let client = client
        let limit = settings.maxResponseSize
        let milliseconds = Int64((retry.timeout * 1000).rounded(.up))
        let attempt = Task {
            let response = try await client.execute(request, timeout: .milliseconds(milliseconds))
            guard (200..<300).contains(Int(response.status.code)) else {
                return (try await Self.collect(response, limit: limit, into: WholeBody.self).reply, Result<Decoder.Output, JSONScanner.Failure>?.none)
            }
            let collected = try await Self.collect(response, limit: limit, into: decoder)
            var reader = collected.decoder
            return (collected.reply, reader.finish())
        }
        let timedOut = NIOLockedValueBox(false)
        let timer = client.eventLoopGroup.any().scheduleTask(in: .milliseconds(milliseconds)) {
            timedOut.withLockedValue { $0 = true }
            attempt.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler { try await attempt.value } onCancel: { attempt.cancel() }
        } catch where timedOut.withLockedValue({ $0 }) {
            throw AttemptFailure.timedOut
        }
    }

    /// The response with its body, at most `limit` bytes (refused from `Content-Length` before
    /// reading, when the server sends one), read by a new `decoder`.
    static func collect<Decoder: BodyDecoder>(
        _ response: HTTPClientResponse, limit: Int, into decoder: Decoder.Type
    ) async throws -> (reply: HTTPReply, decoder: Decoder) {
        let announced = response.headers.first(name: "Content-Length").flatMap { Int($0) }
        if let announced, announced > limit { throw AttemptFailure.tooLarge }
        var decoder = Decoder(expectedLength: announced)
        var length = 0
        for try await chunk in response.body {
            guard chunk.readableBytes <= limit - length else { throw AttemptFailure.tooLarge }
            length += chunk.readableBytes
            decoder.consume(chunk)
        }
        // A cancelled body ends early without an error: never take it for a whole one.
        try Task.checkCancellation()
        let reply = HTTPReply(status: Int(response.status.code), headers: response.headers, body: decoder.keptBytes, bodyLength: length)
        return (reply, decoder)
    }

    /// A 3xx: never followed, since the target could be any host, over plain http too, and
    /// would get the request while the real API gets nothing.
    func redirectFailure(_ reply: HTTPReply, _ what: String) -> ClientError {
        let target = reply.headers.first(name: "Location").map { " redirects to '\(ServerText.shown($0, redact: authorization.redact))'" } ?? ""
        return ClientError(
            .badResponse, "\(what): HTTP \(reply.status)\(target); segctl never follows redirects (is api.url the API's own address?)",
            status: reply.status)
    }

    /// `host:port` of `url`, the port defaulting by scheme.
    static func hostAndPort(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return url }
        let port = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        return host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// 429 and 503 say the server did not process the request: safe for every method.
    /// 502 and 504 come from a gateway that may have passed the request on: idempotent only.
    static func retryable(_ status: Int, idempotent: Bool) -> Bool {
        switch status {
        case 429, 503: true
        case 502, 504: idempotent
        default: false
        }
    }
}
