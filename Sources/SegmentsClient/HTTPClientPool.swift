import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore

/// The AsyncHTTPClient instances segctl sends requests with: one per connect timeout, alive for
/// the whole process as `HTTPClient.shared` is (so nothing has to shut them down), but
/// configured for segctl, which `HTTPClient.shared` is not: it follows redirects (to any host,
/// over plain http too) and retries a refused connection until the request's deadline.
enum HTTPClientPool {
    private static let clients = NIOLockedValueBox<[Int64: HTTPClient]>([:])

    /// The client whose connections time out after `connectTimeout` seconds.
    static func client(connectTimeout: Double) -> HTTPClient {
        let nanoseconds = Int64((connectTimeout * 1e9).rounded())
        return clients.withLockedValue { clients in
            if let client = clients[nanoseconds] { return client }
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration(connectTimeout: .nanoseconds(nanoseconds)))
            clients[nanoseconds] = client
            return client
        }
    }

    /// Never follow a redirect (a 3xx is the caller's to report); fail an attempt as soon as its
    /// connection fails, leaving retries to the transport's policy. No tracing: segctl installs
    /// no tracer, and the default no-op one still parsed every request's URL into span
    /// attributes, a few percent of apply's CPU time at 100,000 creates.
    static func configuration(connectTimeout: TimeAmount) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: connectTimeout))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.tracing.tracer = nil
        return configuration
    }
}
