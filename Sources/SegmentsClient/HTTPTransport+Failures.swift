import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import NIOPosix

/// Why an attempt failed, in words, and whether it may have reached the server.
extension HTTPTransport {
    /// A failed attempt in one phrase: `cannot connect to HOST:PORT (connection refused)`,
    /// `no complete response within 30 s`. Text from the error itself is escaped: it may quote
    /// what the server sent.
    func describe(_ error: any Error) -> String {
        if let reason = Self.connectFailure(error, connectTimeout: settings.connectTimeout) {
            return "cannot connect to \(hostAndPort) (\(reason))"
        }
        if case AttemptFailure.timedOut = error { return "no complete response within \(Self.seconds(retry.timeout))" }
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout { return "no complete response within \(Self.seconds(retry.timeout))" }
            if error == .remoteConnectionClosed { return "the server closed the connection" }
        }
        return ServerText.shown(String(describing: error))
    }

    /// Why a connection could not be made, or nil when the error is not a connection failure.
    static func connectFailure(_ error: any Error, connectTimeout: Double) -> String? {
        if let error = error as? NIOConnectionError {
            guard let first = error.connectionErrors.first?.error else { return "cannot resolve the host name" }
            return connectFailure(first, connectTimeout: connectTimeout) ?? ServerText.shown(String(describing: first))
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ENETUNREACH: return "network unreachable"
            case EHOSTUNREACH: return "host unreachable"
            case ETIMEDOUT: return "no answer within \(seconds(connectTimeout))"
            default: return nil
            }
        }
        if let error = error as? HTTPClientError {
            if error == .connectTimeout { return "no answer within \(seconds(connectTimeout))" }
            if error == .tlsHandshakeTimeout { return "no TLS handshake within \(seconds(connectTimeout))" }
            return nil
        }
        if case ChannelError.connectTimeout = error { return "no answer within \(seconds(connectTimeout))" }
        if error is SocketAddressError { return "cannot resolve the host name" }
        return nil
    }

    /// Whether the request may have reached the server: only failures before a connection
    /// existed are certain it did not.
    static func reach(of error: any Error) -> Reach {
        if let error = error as? HTTPClientError {
            if error == .connectTimeout || error == .tlsHandshakeTimeout || error == .getConnectionFromPoolTimeout
                || error == .invalidURL || error == .emptyHost || error == .unsupportedScheme("") {
                return .notSent
            }
            return .maybeSent
        }
        if error is NIOConnectionError || error is SocketAddressError { return .notSent }
        if let error = error as? IOError, [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL].contains(error.errnoCode) {
            return .notSent
        }
        if case ChannelError.connectTimeout = error { return .notSent }
        return .maybeSent
    }

    /// `3 s`, `1.5 s`, `12 s`.
    static func seconds(_ value: Double) -> String {
        if value == value.rounded() || value >= 10 { return "\(Int(value.rounded())) s" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
