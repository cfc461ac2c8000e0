import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import SegmentsCore

/// Sends requests with retries, timeouts and rate-limit pacing; the one place that knows
/// AsyncHTTPClient. Errors name the method and path, never a credential.
struct HTTPTransport: Sendable {
    let baseURL: String
    let authorization: Secret
    let authorizationScheme: String
    let retry: RetryPolicy
    let logger: Logger
    let gate = RateLimitGate()
    /// Largest response body read (a list of 10,000 segments is tens of MB).
    let maxResponseSize = 512 << 20

    /// Whether a failed attempt may have reached the server.
    enum Reach {
        case notSent, maybeSent
    }

    /// Sends a request; retries what is safe to retry. `idempotent` is false for POST, whose
    /// ambiguous failures are thrown as `RemoteFailure.ambiguous` for the caller to resolve.
    func send(_ method: HTTPMethod, _ path: String, json body: [UInt8]? = nil, idempotent: Bool) async throws -> HTTPReply {
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
            let started = ContinuousClock.now
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(Int64(retry.timeout * 1000)))
                let collected = try await response.body.collect(upTo: maxResponseSize)
                reply = HTTPReply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: collected))
                logger.debug("\(what) -> \(reply.status), \(reply.body.count) bytes in \(ContinuousClock.now - started)")
            } catch {
                let reach = Self.reach(of: error)
                let reason = Self.describe(error)
                if reach == .maybeSent && !idempotent {
                    throw RemoteFailure.ambiguous("\(what): \(reason); the request may have reached the server")
                }
                guard attempt < retry.maxAttempts else {
                    throw ClientError(.unreachable, "\(what) failed after \(attempt) attempt\(attempt == 1 ? "" : "s"): \(reason) (\(redactedBase))")
                }
                let delay = retry.backoff(afterAttempt: attempt)
                logger.warning("\(what): \(reason); retrying in \(Self.seconds(delay)) (attempt \(attempt + 1) of \(retry.maxAttempts))")
                try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                continue
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
                return reply
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

    /// The base URL without any user info, for messages.
    var redactedBase: String {
        guard var components = URLComponents(string: baseURL) else { return baseURL }
        components.user = nil
        components.password = nil
        return components.string ?? baseURL
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

    static func reach(of error: any Error) -> Reach {
        if let error = error as? HTTPClientError {
            if error == .connectTimeout || error == .tlsHandshakeTimeout || error == .getConnectionFromPoolTimeout
                || error == .invalidURL || error == .emptyHost || error == .unsupportedScheme("") {
                return .notSent
            }
            return .maybeSent
        }
        if error is NIOConnectionError { return .notSent }
        if let error = error as? IOError, [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL].contains(error.errnoCode) {
            return .notSent
        }
        if error is SocketAddressError { return .notSent }
        if error is ChannelError, case .connectTimeout = error as! ChannelError { return .notSent }
        return .maybeSent
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .readTimeout, .deadlineExceeded: return "no response within the timeout"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: return "\(error)"
            }
        }
        if error is NIOConnectionError { return "cannot connect (is the server running?)" }
        if let error = error as? IOError {
            return error.errnoCode == ECONNREFUSED ? "connection refused (is the server running?)" : "\(error)"
        }
        if error is SocketAddressError { return "cannot resolve the host name" }
        return "\(error)"
    }

    static func seconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.1f s", value) : "\(Int(value.rounded())) s"
    }
}
