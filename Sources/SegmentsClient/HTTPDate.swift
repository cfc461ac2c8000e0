import Foundation

/// Parses the timestamps servers put in `Retry-After` and rate-limit headers.
enum HTTPDate {
    /// Seconds since 1970 of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) or ISO 8601 time.
    static func parse(_ text: String) -> Double? {
        let imf = DateFormatter()
        imf.locale = Locale(identifier: "en_US_POSIX")
        imf.timeZone = TimeZone(identifier: "GMT")
        imf.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        if let date = imf.date(from: text) { return date.timeIntervalSince1970 }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: text) { return date.timeIntervalSince1970 }
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: text) { return date.timeIntervalSince1970 }
        return nil
    }
}
