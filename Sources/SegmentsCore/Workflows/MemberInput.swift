/// Lines of IDs for `members set`: one per line; surrounding whitespace, blank lines and `#`
/// comment lines are ignored. Works on the UTF-8 bytes directly: a 100,000-line input is read
/// in milliseconds.
public enum MemberInput {
    /// The most input read (256 MiB: about ten million IDs).
    public static let maxBytes = 256 << 20

    /// The IDs in `bytes`, each with its place (`source:line`) for messages.
    public static func parse(_ bytes: [UInt8], source: String) -> [(id: String, place: String)] {
        var result: [(String, String)] = []
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            var low = start
            var high = end
            while low < high, isSpace(bytes[low]) { low += 1 }
            while high > low, isSpace(bytes[high - 1]) { high -= 1 }
            if low < high, bytes[low] != UInt8(ascii: "#") {
                result.append((String(decoding: bytes[low..<high], as: UTF8.self), "\(source):\(lineNumber)"))
            }
            start = end + 1
        }
        return result
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
