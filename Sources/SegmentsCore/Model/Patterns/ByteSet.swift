/// A set of byte values (0-255), the alphabet of the pattern automaton.
struct ByteSet: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The empty set.
    init() {}

    /// One byte.
    init(_ byte: UInt8) {
        insert(byte)
    }

    /// A range of bytes.
    init(range: ClosedRange<UInt8>) {
        for byte in range { insert(byte) }
    }

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    mutating func formUnion(_ other: ByteSet) {
        words.0 |= other.words.0
        words.1 |= other.words.1
        words.2 |= other.words.2
        words.3 |= other.words.3
    }

    var isEmpty: Bool { words == (0, 0, 0, 0) }

    /// The ASCII bytes not in this set (bytes 128-255 are never in the result).
    var asciiComplement: ByteSet {
        var result = ByteSet()
        result.words.0 = ~words.0
        result.words.1 = ~words.1
        return result
    }

    /// The single byte in the set, if it holds exactly one.
    var single: UInt8? {
        var found: UInt8?
        for byte in 0...255 where contains(UInt8(byte)) {
            if found != nil { return nil }
            found = UInt8(byte)
        }
        return found
    }

    static let digits = ByteSet(range: UInt8(ascii: "0")...UInt8(ascii: "9"))

    static let word: ByteSet = {
        var set = digits
        set.formUnion(ByteSet(range: UInt8(ascii: "a")...UInt8(ascii: "z")))
        set.formUnion(ByteSet(range: UInt8(ascii: "A")...UInt8(ascii: "Z")))
        set.insert(UInt8(ascii: "_"))
        return set
    }()

    /// `\s` on ASCII: space, tab, and the line breaks \n, \v, \f, \r.
    static let space: ByteSet = {
        var set = ByteSet(range: 0x09...0x0D)
        set.insert(0x20)
        return set
    }()

    /// ICU's `.` on ASCII: everything but the line terminators \n, \v, \f and \r.
    static let dot: ByteSet = {
        var set = ByteSet(range: 0x00...0x7F)
        for byte in UInt8(0x0A)...0x0D { set = set.removing(byte) }
        return set
    }()

    func removing(_ byte: UInt8) -> ByteSet {
        var result = ByteSet()
        for value in 0...255 where contains(UInt8(value)) && UInt8(value) != byte { result.insert(UInt8(value)) }
        return result
    }
}
