/// Parses a request body (RFC 8259 JSON, UTF-8) into the members of its top-level object, in
/// one pass that reads every byte once.
///
/// Written by hand because decoding a loosely typed value through `JSONDecoder` and `try?`
/// fallbacks parses nested values again for every fallback: a few KB of nested arrays cost
/// seconds of CPU. The API's bodies are one object of strings, booleans, null and arrays of
/// strings, so nesting beyond `maxDepth` is refused as soon as it is seen, and only what the API
/// reads is kept (see `JSONInput`).
///
/// Strict where JSON is: no comments, no trailing commas, no leading zeros, no BOM, no bytes
/// after the value but whitespace, no control characters or invalid UTF-8 (overlong forms,
/// encoded surrogates) in strings, and `\u` escapes of surrogates only as valid pairs.
/// A key repeated in the top-level object is refused, since clients and proxies disagree on
/// which occurrence wins.
struct JSONBodyParser {
    /// The deepest nesting of arrays and objects accepted: the body object and its array
    /// members need two levels; the third lets a misplaced array or object inside an array
    /// still be reported by field, as a wrong type.
    static let maxDepth = 3

    /// Why a body is not an acceptable object.
    enum Failure: Error, Equatable {
        /// Not JSON at all (including invalid UTF-8 and trailing bytes).
        case syntax
        /// Arrays and objects nested deeper than `maxDepth`.
        case tooDeep
        /// Valid JSON, but not an object; the phrase says what it is ("an array").
        case notAnObject(String)
        /// The object names this key more than once.
        case duplicateKey(String)
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var duplicateKey: String?

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The members of the object that is the whole of `bytes`.
    static func members(of bytes: UnsafeRawBufferPointer) throws(Failure) -> [String: JSONInput] {
        var parser = JSONBodyParser(bytes: bytes)
        parser.skipWhitespace()
        var members: [String: JSONInput]?
        var other = JSONInput.null
        if parser.next == Byte.openBrace {
            members = try parser.object(depth: 0, keep: true)
        } else {
            other = try parser.value(depth: 0, keep: false)
        }
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw .syntax }
        // Reported only now, so that a body that is not JSON at all is called that first.
        if let key = parser.duplicateKey { throw .duplicateKey(key) }
        guard let members else { throw .notAnObject(other.phrase) }
        return members
    }

    // MARK: Values

    /// The value at `index`, inside `depth` arrays and objects. Without `keep`, strings and
    /// array elements are checked but not kept (nothing will read them).
    private mutating func value(depth: Int, keep: Bool) throws(Failure) -> JSONInput {
        switch next {
        case Byte.quote:
            return .string(try string(keep: keep))
        case Byte.openBrace:
            _ = try object(depth: depth, keep: false)
            return .object
        case Byte.openBracket:
            return .array(try array(depth: depth, keep: keep))
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            return .number
        default:
            throw .syntax
        }
    }

    /// The object at `index`; its members are kept only with `keep`.
    private mutating func object(depth: Int, keep: Bool) throws(Failure) -> [String: JSONInput] {
        guard depth < Self.maxDepth else { throw .tooDeep }
        index += 1
        var members: [String: JSONInput] = [:]
        skipWhitespace()
        if next == Byte.closeBrace {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard next == Byte.quote else { throw .syntax }
            let key = try string(keep: keep)
            skipWhitespace()
            guard next == Byte.colon else { throw .syntax }
            index += 1
            skipWhitespace()
            let member = try value(depth: depth + 1, keep: keep)
            if keep, members.updateValue(member, forKey: key) != nil, duplicateKey == nil {
                duplicateKey = key
            }
            skipWhitespace()
            switch next {
            case Byte.comma:
                index += 1
            case Byte.closeBrace:
                index += 1
                return members
            default:
                throw .syntax
            }
        }
    }

    /// The array at `index`; with `keep`, its strings up to the first element that is not one.
    private mutating func array(depth: Int, keep: Bool) throws(Failure) -> JSONStringList {
        guard depth < Self.maxDepth else { throw .tooDeep }
        index += 1
        var list = JSONStringList()
        skipWhitespace()
        if next == Byte.closeBracket {
            index += 1
            return list
        }
        var position = 0
        while true {
            skipWhitespace()
            let keeping = keep && list.firstNonString == nil
            let element = try value(depth: depth + 1, keep: keeping)
            if keeping {
                if case .string(let text) = element {
                    list.strings.append(text)
                } else {
                    list.firstNonString = (position, element.phrase)
                }
            }
            position += 1
            skipWhitespace()
            switch next {
            case Byte.comma:
                index += 1
            case Byte.closeBracket:
                index += 1
                return list
            default:
                throw .syntax
            }
        }
    }

    /// Checks `word` (true, false, null) at `index` and moves past it.
    private mutating func literal(_ word: StaticString) throws(Failure) {
        let length = word.utf8CodeUnitCount
        guard bytes.count - index >= length else { throw .syntax }
        for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
            throw .syntax
        }
        index += length
    }

    /// Moves past a number: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    /// Its value is not needed: no field of the API takes a number.
    private mutating func number() throws(Failure) {
        if next == UInt8(ascii: "-") { index += 1 }
        switch next {
        case UInt8(ascii: "0"):
            index += 1
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            skipDigits()
        default:
            throw .syntax
        }
        if next == UInt8(ascii: ".") {
            index += 1
            guard Self.isDigit(next) else { throw .syntax }
            skipDigits()
        }
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            index += 1
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { index += 1 }
            guard Self.isDigit(next) else { throw .syntax }
            skipDigits()
        }
    }

    // MARK: Strings

    /// The string at `index` (which holds its opening quote), unescaped; "" without `keep`.
    private mutating func string(keep: Bool) throws(Failure) -> String {
        index += 1
        let start = index
        // Filled only once an escape is met; until then the string is a slice of the body.
        var unescaped: [UInt8] = []
        var hasEscapes = false
        var runStart = start
        while true {
            // Plain ASCII runs are the common case; scan them without further checks.
            while index < bytes.count, bytes[index] >= 0x20, bytes[index] < 0x80,
                  bytes[index] != Byte.quote, bytes[index] != Byte.backslash {
                index += 1
            }
            guard index < bytes.count else { throw .syntax }
            let byte = bytes[index]
            if byte == Byte.quote {
                defer { index += 1 }
                guard keep else { return "" }
                guard hasEscapes else {
                    return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                }
                unescaped.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
                return String(decoding: unescaped, as: UTF8.self)
            } else if byte == Byte.backslash {
                if keep {
                    unescaped.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
                }
                hasEscapes = true
                index += 1
                let scalar = try escape()
                if keep {
                    UTF8.encode(scalar) { unescaped.append($0) }
                }
                runStart = index
            } else if byte < 0x20 {
                throw .syntax
            } else {
                try skipMultibyteCharacter()
            }
        }
    }

    /// The character an escape stands for; `index` is just past the backslash.
    private mutating func escape() throws(Failure) -> Unicode.Scalar {
        guard index < bytes.count else { throw .syntax }
        let letter = bytes[index]
        index += 1
        switch letter {
        case Byte.quote: return "\""
        case Byte.backslash: return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexCodeUnit()
            switch unit {
            case 0xD800...0xDBFF:
                // A high surrogate counts only with the low surrogate that must follow it.
                guard bytes.count - index >= 2, bytes[index] == Byte.backslash, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw .syntax
                }
                index += 2
                let low = try hexCodeUnit()
                guard (0xDC00...0xDFFF).contains(low) else { throw .syntax }
                let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                guard let scalar = Unicode.Scalar(value) else { throw .syntax }
                return scalar
            case 0xDC00...0xDFFF:
                throw .syntax
            default:
                guard let scalar = Unicode.Scalar(unit) else { throw .syntax }
                return scalar
            }
        default:
            throw .syntax
        }
    }

    /// The four hex digits of a `\u` escape.
    private mutating func hexCodeUnit() throws(Failure) -> UInt16 {
        guard bytes.count - index >= 4 else { throw .syntax }
        var unit: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .syntax
            }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }

    /// Moves past one well-formed UTF-8 sequence of two to four bytes (RFC 3629: no overlong
    /// forms, no surrogates, nothing above U+10FFFF).
    private mutating func skipMultibyteCharacter() throws(Failure) {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw .syntax
        }
        guard bytes.count - index >= length, secondRange.contains(bytes[index + 1]) else { throw .syntax }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
            throw .syntax
        }
        index += length
    }

    // MARK: Bytes

    /// The byte at `index`, or 0 (never valid where a token is expected) at the end.
    private var next: UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }

    private mutating func skipDigits() {
        while index < bytes.count, Self.isDigit(bytes[index]) {
            index += 1
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The structural bytes, by name.
    private enum Byte {
        static let quote = UInt8(ascii: "\"")
        static let backslash = UInt8(ascii: "\\")
        static let openBrace = UInt8(ascii: "{")
        static let closeBrace = UInt8(ascii: "}")
        static let openBracket = UInt8(ascii: "[")
        static let closeBracket = UInt8(ascii: "]")
        static let colon = UInt8(ascii: ":")
        static let comma = UInt8(ascii: ",")
    }
}
