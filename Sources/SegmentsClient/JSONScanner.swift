/// Reads JSON text (RFC 8259, UTF-8) byte by byte, for the responses segctl decodes in bulk,
/// where Foundation's JSONDecoder is the slowest step of a plan. Strict like JSONDecoder:
/// strings are validated UTF-8 without raw control characters, every escape is decoded
/// (surrogate pairs included, lone surrogates refused), numbers follow the grammar, and
/// nesting is bounded so hostile input cannot exhaust the stack.
///
/// The bytes are borrowed: a scanner lives inside the `withUnsafeBytes` call that made it.
struct JSONScanner {
    /// Why the text is not what was expected, and where.
    struct Failure: Error, Equatable {
        /// Bytes from the start of the text.
        var offset: Int
        /// What was wrong, e.g. `expected ',' or ']'`.
        var reason: String
    }

    /// The deepest nesting accepted (JSONDecoder's own limit).
    static let maxDepth = 512

    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// A failure at the current position.
    func failure(_ reason: String) -> Failure {
        Failure(offset: offset, reason: reason)
    }

    /// The next byte that is not whitespace, without consuming it; nil at the end.
    mutating func peek() -> UInt8? {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return bytes[offset]
            }
        }
        return nil
    }

    /// Consumes `byte` if it comes next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    /// Consumes `byte`, or fails saying `expected`.
    mutating func expect(_ byte: UInt8, _ expected: @autoclosure () -> String) throws(Failure) {
        guard consume(byte) else { throw failure("expected \(expected())") }
    }

    /// Fails unless only whitespace is left.
    mutating func expectEnd() throws(Failure) {
        guard peek() == nil else { throw failure("unexpected text after the end of the JSON value") }
    }

    /// Consumes `null` if it comes next.
    mutating func consumeNull() throws(Failure) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// A `true` or `false`.
    mutating func readBool() throws(Failure) -> Bool {
        switch peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default:
            throw failure("expected true or false")
        }
    }

    /// A string, unescaped.
    mutating func readString() throws(Failure) -> String {
        guard consume(UInt8(ascii: "\"")) else { throw failure("expected a string") }
        let start = offset
        var nonASCII: UInt8 = 0
        // The common case, no escape: one pass to find the end, then one copy.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<offset])
                if nonASCII & 0x80 != 0, let bad = Self.invalidUTF8(in: raw) {
                    throw Failure(offset: start + bad, reason: "invalid UTF-8 in a string")
                }
                offset += 1
                return String(decoding: raw, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start, nonASCII: nonASCII) }
            guard byte >= 0x20 else { throw failure("a control character in a string (it must be escaped)") }
            nonASCII |= byte
            offset += 1
        }
        throw failure("unterminated string")
    }

    /// An array of strings (no nulls).
    mutating func readStrings() throws(Failure) -> [String] {
        try expect(UInt8(ascii: "["), "a list of strings")
        var items: [String] = []
        if consume(UInt8(ascii: "]")) { return items }
        repeat {
            items.append(try readString())
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"), "',' or ']'")
        // The array grew by doubling: up to half of it unused. A copy of the exact size gives
        // that back, a third of the memory of a list of 10,000,000 IDs.
        guard items.capacity - items.count > 8 else { return items }
        return [String](unsafeUninitializedCapacity: items.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: items)
        }
    }

    /// Checks and skips any value; `depth` counts the arrays and objects around it.
    mutating func skipValue(depth: Int) throws(Failure) {
        guard let next = peek() else { throw failure("unexpected end of the text") }
        switch next {
        case UInt8(ascii: "\""):
            _ = try readString()
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
            offset += 1
            if consume(UInt8(ascii: "}")) { return }
            repeat {
                _ = try readString()
                try expect(UInt8(ascii: ":"), "':'")
                try skipValue(depth: depth + 1)
            } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"), "',' or '}'")
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
            offset += 1
            if consume(UInt8(ascii: "]")) { return }
            repeat {
                try skipValue(depth: depth + 1)
            } while consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"), "',' or ']'")
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try readBool()
        case UInt8(ascii: "n"):
            try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
        default:
            throw failure("expected a JSON value")
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, checked, never converted: a
    /// number of any size in a skipped field costs nothing.
    private mutating func skipNumber() throws(Failure) {
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        if digit() == 0 {
            offset += 1
        } else {
            guard digits() > 0 else { throw failure("invalid number") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw failure("invalid number") }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw failure("invalid number") }
        }
        // `1.5.5` or `1-2` is one malformed number, not a number and something else.
        if offset < bytes.count, "0123456789.eE+-".utf8.contains(bytes[offset]) { throw failure("invalid number") }
    }

    /// The value of the digit at the current position, nil when there is none.
    private func digit() -> UInt8? {
        guard offset < bytes.count else { return nil }
        let value = bytes[offset] &- UInt8(ascii: "0")
        return value < 10 ? value : nil
    }

    /// Skips digits; returns how many.
    private mutating func digits() -> Int {
        let start = offset
        while digit() != nil { offset += 1 }
        return offset - start
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw failure("expected \(word)") }
        for index in 0..<count where bytes[offset + index] != word.utf8Start[index] {
            throw failure("expected \(word)")
        }
        offset += count
    }

    /// The rest of a string that has escapes; `start` is just after its opening quote, and
    /// `nonASCII` has the high bit set if a byte before the first escape had.
    private mutating func readEscapedString(from start: Int, nonASCII: UInt8) throws(Failure) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(offset - start + 16)
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]))
        var nonASCII = nonASCII
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                if nonASCII & 0x80 != 0, let bad = out.withUnsafeBytes({ Self.invalidUTF8(in: $0) }) {
                    throw Failure(offset: start, reason: "invalid UTF-8 in a string (at its byte \(bad))")
                }
                offset += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                offset += 1
                guard offset < bytes.count else { throw failure("unterminated string") }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): Self.appendUTF8(try unicodeEscape(), to: &out)
                default:
                    offset -= 2
                    throw failure("invalid escape in a string")
                }
            default:
                guard byte >= 0x20 else { throw failure("a control character in a string (it must be escaped)") }
                nonASCII |= byte
                out.append(byte)
                offset += 1
            }
        }
        throw failure("unterminated string")
    }

    /// The scalar of a `\uXXXX` escape (just after its `u`), joining a surrogate pair.
    private mutating func unicodeEscape() throws(Failure) -> UInt32 {
        let escapeStart = offset - 2
        let first = try hex4()
        switch first {
        case 0xD800...0xDBFF:
            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                throw Failure(offset: escapeStart, reason: "a high surrogate escape without its low surrogate")
            }
            offset += 2
            let second = try hex4()
            guard (0xDC00...0xDFFF).contains(second) else {
                throw Failure(offset: escapeStart, reason: "a high surrogate escape without its low surrogate")
            }
            return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        case 0xDC00...0xDFFF:
            throw Failure(offset: escapeStart, reason: "a low surrogate escape without its high surrogate")
        default:
            return first
        }
    }

    /// Four hex digits.
    private mutating func hex4() throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw failure("unterminated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | UInt32(nibble)
            offset += 1
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The offset of the first byte that is not well-formed UTF-8 (overlong forms, surrogates
    /// and scalars above U+10FFFF included), nil when all are.
    static func invalidUTF8(in bytes: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: (length, scalar) = (2, UInt32(lead & 0x1F))
            case 0xE0...0xEF: (length, scalar) = (3, UInt32(lead & 0x0F))
            case 0xF0...0xF4: (length, scalar) = (4, UInt32(lead & 0x07))
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for next in 1..<length {
                let byte = bytes[index + next]
                guard byte & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            switch length {
            case 3 where scalar < 0x800 || (0xD800...0xDFFF).contains(scalar): return index
            case 4 where scalar < 0x10000 || scalar > 0x10FFFF: return index
            default: break
            }
            index += length
        }
        return nil
    }
}
