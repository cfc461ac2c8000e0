import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SegmentsCore

/// `--as-of`: the instant expiring members are judged at, so a plan is reproducible.
struct TimeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Judge expiries at <time>: a date (00:00 UTC) or an RFC 3339 timestamp (default: now).", valueName: "time"), transform: TimeOptions.parse)
    var asOf: Timestamp?

    /// `--as-of`, or now.
    var instant: Timestamp { asOf ?? Self.now }

    /// The current time.
    static var now: Timestamp { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }

    /// A date or an RFC 3339 timestamp, or a usage error.
    static func parse(_ text: String) throws -> Timestamp {
        guard let instant = Timestamp(text) else {
            throw ValidationError("'\(text)' is not a date (2026-12-31) or an RFC 3339 timestamp (2026-12-31T18:00:00Z)")
        }
        return instant
    }
}
