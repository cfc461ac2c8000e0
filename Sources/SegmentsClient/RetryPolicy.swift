/// How often and how long to retry: exponential backoff with full jitter, bounded attempts,
/// and the server's `Retry-After` honoured up to a ceiling.
public struct RetryPolicy: Sendable {
    /// Total tries of one request, the first included.
    public var maxAttempts: Int
    /// The backoff's base delay, in seconds.
    public var baseDelay: Double
    /// The longest backoff delay, in seconds.
    public var maxDelay: Double
    /// The longest `Retry-After` that is honoured; a longer one fails the request at once.
    public var maxRetryAfter: Double
    /// The time one request may take, in seconds.
    public var timeout: Double

    /// Creates a policy.
    public init(maxAttempts: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 8, maxRetryAfter: Double = 120, timeout: Double = 30) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.timeout = timeout
    }

    /// Full jitter: a random delay between 0 and the exponential ceiling for `attempt` (1-based).
    public func backoff(afterAttempt attempt: Int) -> Double {
        let ceiling = min(maxDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
        return Double.random(in: 0...max(ceiling, 0))
    }

    /// Seconds to wait from a `Retry-After` value (delta-seconds or an HTTP date), if parseable.
    public static func retryAfterSeconds(_ value: String, now: Double) -> Double? {
        let trimmed = value.trimmingSpaces()
        if let seconds = Double(trimmed), seconds >= 0 { return seconds }
        if let date = HTTPDate.parse(trimmed) { return max(0, date - now) }
        return nil
    }
}
