import SegmentsCore

/// Parses the timestamps servers put in `Retry-After` and rate-limit headers, by hand (no
/// locale, no calendar): an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110) or an
/// RFC 3339 time (`2026-11-28T10:00:00Z`, with or without a fraction).
enum HTTPDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds since 1970 of `text`; nil for anything else.
    static func parse(_ text: String) -> Double? {
        let rfc3339 = text.first?.isNumber == true ? (text.contains("T") ? text : nil) : imfFixdateAsRFC3339(text)
        guard let rfc3339, let instant = Timestamp(rfc3339) else { return nil }
        return Double(instant.milliseconds) / 1000
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` as `1994-11-06T08:49:37Z`; nil unless it has that form.
    static func imfFixdateAsRFC3339(_ text: String) -> String? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].count == 4, parts[0].hasSuffix(","), parts[1].count == 2,
              let month = months.firstIndex(of: String(parts[2])), parts[3].count == 4,
              parts[4].count == 8, parts[5] == "GMT" || parts[5] == "UTC",
              (parts[1] + parts[3]).allSatisfy(\.isASCII) else { return nil }
        let number = month + 1
        return "\(parts[3])-\(number < 10 ? "0" : "")\(number)-\(parts[1])T\(parts[4])Z"
    }
}
