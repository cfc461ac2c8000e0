/// An instant in UTC, as segctl reads it from files and options: a date (`2026-12-31`, meaning
/// 00:00 UTC of that day) or an RFC 3339 timestamp (`2026-12-31T18:00:00+01:00`).
///
/// Parsed by hand, without a locale or a calendar, so the same text is the same instant on
/// every machine.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let milliseconds: Int64
    /// The text it was read from (written back as it was).
    public let text: String

    /// The instant `milliseconds` after the epoch, written in RFC 3339 (`...Z`).
    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
        text = Self.format(milliseconds)
    }

    /// Parses a date or an RFC 3339 timestamp; nil for anything else.
    public init?(_ text: String) {
        guard let milliseconds = Self.parse(text) else { return nil }
        self.milliseconds = milliseconds
        self.text = text
    }

    /// The instant `seconds` later.
    public func adding(seconds: Int64) -> Timestamp {
        Timestamp(milliseconds: milliseconds + seconds * 1000)
    }

    public var description: String { text }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }

    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.milliseconds == rhs.milliseconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(milliseconds)
    }

    /// A duration such as `30d`, `12h`, `90m` or `2w`, in seconds; nil for anything else.
    public static func seconds(ofDuration text: String) -> Int64? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0, count <= 100_000 else { return nil }
        switch unit {
        case "m": return count * 60
        case "h": return count * 3_600
        case "d": return count * 86_400
        case "w": return count * 604_800
        default: return nil
        }
    }

    private static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8(parse(bytes:))
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count >= 10, let year = number(0, 4), bytes[4] == UInt8(ascii: "-"), let month = number(5, 2),
              bytes[7] == UInt8(ascii: "-"), let day = number(8, 2),
              (1...12).contains(month), (1...daysIn(month, year)).contains(day), year >= 1970 else { return nil }
        var seconds = Int64(daysSinceEpoch(year, month, day)) * 86_400
        guard bytes.count > 10 else { return seconds * 1000 }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"), bytes.count >= 20,
              let hour = number(11, 2), bytes[13] == UInt8(ascii: ":"), let minute = number(14, 2),
              bytes[16] == UInt8(ascii: ":"), let second = number(17, 2),
              hour < 24, minute < 60, second < 61 else { return nil }
        seconds += Int64(hour * 3_600 + minute * 60 + min(second, 59))
        var index = 19
        var fraction: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                if digits < 3 { fraction = fraction * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<3 { fraction *= 10 }
        }
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, let offsetHours = number(index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
                  let offsetMinutes = number(index + 4, 2), offsetHours < 24, offsetMinutes < 60 else { return nil }
            let offset = Int64(offsetHours * 3_600 + offsetMinutes * 60)
            seconds += bytes[index] == UInt8(ascii: "+") ? -offset : offset
        default:
            return nil
        }
        return seconds * 1000 + fraction
    }

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the date (proleptic Gregorian calendar).
    private static func daysSinceEpoch(_ year: Int, _ month: Int, _ day: Int) -> Int {
        // The days-from-civil algorithm (Howard Hinnant).
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `2026-12-31T00:00:00Z` (milliseconds shown only when there are any).
    private static func format(_ milliseconds: Int64) -> String {
        let totalSeconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let fraction = milliseconds - totalSeconds * 1000
        var days = Int(totalSeconds / 86_400)
        var rest = Int(totalSeconds % 86_400)
        if rest < 0 { rest += 86_400; days -= 1 }
        // The civil-from-days algorithm (Howard Hinnant).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))"
        if fraction > 0 { text += "." + String(fraction + 1000).dropFirst() }
        return text + "Z"
    }
}
