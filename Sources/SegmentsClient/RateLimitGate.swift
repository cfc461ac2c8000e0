#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Slows requests down when the server says the rate-limit budget is spent
/// (`X-Rate-Limit-Remaining: 0`), until the time in `X-Rate-Limit-Reset`.
actor RateLimitGate {
    private var resumeAt: Double = 0

    /// Waits until the current rate-limit period allows another request.
    func waitForTurn() async throws {
        let wait = resumeAt - Date().timeIntervalSince1970
        if wait > 0 {
            try await Task.sleep(for: .milliseconds(Int((wait * 1000).rounded(.up))))
        }
    }

    /// Reads the rate-limit headers of a response; returns the pause it imposes, if any.
    @discardableResult
    func record(remaining: String?, reset: String?, maxWait: Double) -> Double? {
        guard let remaining, let count = Int(remaining.trimmingSpaces()), count <= 0 else { return nil }
        let now = Date().timeIntervalSince1970
        let until = reset.flatMap { Self.resetTime($0, now: now) } ?? now + 1
        let wait = min(max(0, until - now), maxWait)
        resumeAt = max(resumeAt, now + wait)
        return wait
    }

    /// The reset time: epoch seconds, seconds from now, or a date.
    static func resetTime(_ value: String, now: Double) -> Double? {
        let trimmed = value.trimmingSpaces()
        if let number = Double(trimmed) {
            return number > 1_000_000_000 ? number : now + number
        }
        return HTTPDate.parse(trimmed)
    }
}
