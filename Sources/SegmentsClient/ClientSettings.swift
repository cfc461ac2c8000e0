/// How a client talks to its API: retries and timeouts, and the largest response it reads.
/// One value per run, built from the command-line options.
public struct ClientSettings: Sendable {
    /// Attempts, backoff, and the time one request may take (`timeout`), its whole body included.
    public var retry: RetryPolicy
    /// Seconds to wait for a TCP (and TLS) connection before the attempt fails. Separate from
    /// the request timeout: a host that does not answer should fail an attempt in seconds,
    /// while a large response may rightly take longer.
    public var connectTimeout: Double
    /// The largest response body read, in bytes; a larger one fails the request, unretried.
    public var maxResponseSize: Int

    /// The default largest response: 512 MiB, about two and a half times the platform list of
    /// 100,000 segments holding 10,000,000 member IDs.
    public static let defaultMaxResponseSize = 512 << 20

    /// Creates settings.
    public init(retry: RetryPolicy = RetryPolicy(), connectTimeout: Double = 5, maxResponseSize: Int = defaultMaxResponseSize) {
        self.retry = retry
        self.connectTimeout = connectTimeout
        self.maxResponseSize = maxResponseSize
    }
}
