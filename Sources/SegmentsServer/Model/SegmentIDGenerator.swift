/// Makes cuid-style segment IDs: `c`, then 24 lowercase base-36 characters.
///
/// The first 8 characters are the creation time in milliseconds (so IDs sort by age until
/// that field wraps in 2059), the other 16 come from the system's cryptographic random
/// source: about 82 random bits per millisecond make a collision practically impossible
/// without a shared counter or a lock.
struct SegmentIDGenerator: Sendable {
    /// The number of characters after the leading `c`.
    static let bodyLength = 24
    private static let timeLength = 8
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    /// A new ID for a segment created at `time`.
    func next(at time: Timestamp) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "c")]
        bytes.reserveCapacity(1 + Self.bodyLength)
        var clock = UInt64(clamping: max(time.milliseconds, 0))
        var timeDigits = [UInt8](repeating: Self.alphabet[0], count: Self.timeLength)
        for index in timeDigits.indices.reversed() {
            timeDigits[index] = Self.alphabet[Int(clock % 36)]
            clock /= 36
        }
        bytes += timeDigits
        var random = SystemRandomNumberGenerator()
        for _ in 0..<(Self.bodyLength - Self.timeLength) {
            bytes.append(Self.alphabet[Int.random(in: 0..<36, using: &random)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
