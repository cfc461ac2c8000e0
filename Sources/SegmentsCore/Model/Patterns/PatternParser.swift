/// A recursive-descent parser for the regular expressions ID formats accept: literals
/// (any Unicode character), classes (`[a-z_]`, `[^,]`), the ASCII classes `\d \w \s` and their
/// negations, `.`, groups (`(...)`, `(?:...)`, `(?<name>...)`), alternation, the quantifiers
/// `* + ? {n} {n,} {n,m}` (lazy forms too), and `^`/`$` at the ends. Everything else, which
/// needs a backtracking engine or Unicode tables, is refused with its name.
struct PatternParser {
    /// The longest pattern accepted, in bytes.
    static let maxLength = 4_096
    /// The deepest group nesting accepted.
    static let maxDepth = 100
    /// The largest repetition bound accepted.
    static let maxBound = 1_000

    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0

    init(_ pattern: String) {
        bytes = Array(pattern.utf8)
    }

    /// The syntax tree of the whole pattern.
    mutating func parse() throws(PatternProblem) -> PatternNode {
        guard bytes.count <= Self.maxLength else {
            throw .unsupported("more than \(Self.maxLength) bytes")
        }
        let node = try parseAlternation()
        if i < bytes.count {
            // Only an unmatched ')' stops the top level early.
            throw .invalid("the ')' at character \(position) closes no group")
        }
        return node
    }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    /// The 1-based character position of `i`, for messages.
    private var position: Int {
        bytes[..<min(i, bytes.count)].count { $0 & 0xC0 != 0x80 } + 1
    }

    private mutating func parseAlternation() throws(PatternProblem) -> PatternNode {
        var branches: [PatternNode] = []
        while true {
            branches.append(try parseConcat())
            guard peek == UInt8(ascii: "|") else { break }
            i += 1
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcat() throws(PatternProblem) -> PatternNode {
        var items: [PatternNode] = []
        let branchStart = i
        while let c = peek, c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
            if c == UInt8(ascii: "^") {
                // Whole-string matching makes a leading ^ of a top-level branch a no-op.
                guard depth == 0, i == branchStart else { throw .unsupported("'^' other than at the start of the pattern") }
                i += 1
                continue
            }
            if c == UInt8(ascii: "$") {
                i += 1
                guard depth == 0, peek == nil || peek == UInt8(ascii: "|") else {
                    throw .unsupported("'$' other than at the end of the pattern")
                }
                continue
            }
            let atom = try parseAtom()
            items.append(try parseQuantifiers(atom))
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concat(items)
        }
    }

    private mutating func parseQuantifiers(_ atom: PatternNode) throws(PatternProblem) -> PatternNode {
        var node = atom
        var quantified = false
        while let c = peek {
            var min = 0
            var max: Int? = nil
            switch c {
            case UInt8(ascii: "*"): i += 1
            case UInt8(ascii: "+"): i += 1; min = 1
            case UInt8(ascii: "?"): i += 1; max = 1
            case UInt8(ascii: "{"): (min, max) = try parseBounds()
            default: return node
            }
            if quantified { throw .invalid("two quantifiers in a row at character \(position - 1)") }
            // `*?` is lazy (the same language); `*+` is possessive, which needs backtracking.
            if peek == UInt8(ascii: "?") { i += 1 }
            if peek == UInt8(ascii: "+") { throw .unsupported("a possessive quantifier ('*+', '++', '?+')") }
            node = .repetition(node, min: min, max: max)
            quantified = true
        }
        return node
    }

    private mutating func parseBounds() throws(PatternProblem) -> (Int, Int?) {
        i += 1
        guard let min = parseNumber() else { throw .invalid("'{' at character \(position - 1) does not start a bound such as {2} or {1,3}") }
        var max: Int? = min
        if peek == UInt8(ascii: ",") {
            i += 1
            max = peek == UInt8(ascii: "}") ? nil : parseNumber()
            if max == nil && peek != UInt8(ascii: "}") { throw .invalid("a bound is not closed with '}'") }
        }
        guard peek == UInt8(ascii: "}") else { throw .invalid("a bound is not closed with '}'") }
        i += 1
        if let max, max < min { throw .invalid("the bound {\(min),\(max)} has its maximum below its minimum") }
        guard min <= Self.maxBound, (max ?? 0) <= Self.maxBound else {
            throw .unsupported("a repetition bound over \(Self.maxBound)")
        }
        return (min, max)
    }

    private mutating func parseNumber() -> Int? {
        var value = 0
        var digits = 0
        while let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
            if digits < 7 { value = value * 10 + Int(c - UInt8(ascii: "0")) }
            digits += 1
            i += 1
        }
        return digits > 0 ? value : nil
    }

    private mutating func parseAtom() throws(PatternProblem) -> PatternNode {
        guard let c = peek else { throw .invalid("the pattern ends too early") }
        switch c {
        case UInt8(ascii: "("):
            i += 1
            try parseGroupPrefix()
            depth += 1
            guard depth <= Self.maxDepth else { throw .unsupported("groups nested deeper than \(Self.maxDepth)") }
            let inner = try parseAlternation()
            guard peek == UInt8(ascii: ")") else { throw .invalid("a '(' is never closed") }
            depth -= 1
            i += 1
            return inner
        case UInt8(ascii: "["):
            i += 1
            return try parseClass()
        case UInt8(ascii: "."):
            i += 1
            return .characters(.dot, anyNonASCII: true)
        case UInt8(ascii: "\\"):
            i += 1
            return try parseEscape(inClass: false).node
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
            throw .invalid("nothing to repeat before '\(Character(Unicode.Scalar(c)))' at character \(position)")
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            // ICU reads a lone ']' or '}' as itself.
            i += 1
            return .characters(ByteSet(c), anyNonASCII: false)
        default:
            return literal()
        }
    }

    /// After `(`: `?:` and `?<name>` are plain groups; other `(?` forms are refused by name.
    private mutating func parseGroupPrefix() throws(PatternProblem) {
        guard peek == UInt8(ascii: "?") else { return }
        let rest = bytes[(i + 1)...].prefix(3)
        if rest.first == UInt8(ascii: ":") {
            i += 2
            return
        }
        if rest.starts(with: Array("<=".utf8)) || rest.starts(with: Array("<!".utf8)) {
            throw .unsupported("a lookbehind '(?<=...)' or '(?<!...)'")
        }
        if rest.first == UInt8(ascii: "<") {
            var j = i + 2
            while j < bytes.count, ByteSet.word.contains(bytes[j]) { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: ">"), j > i + 2 else { throw .invalid("a named group '(?<' has no '>'") }
            i = j + 1
            return
        }
        switch rest.first {
        case UInt8(ascii: "="), UInt8(ascii: "!"): throw .unsupported("a lookahead '(?=...)' or '(?!...)'")
        case UInt8(ascii: ">"): throw .unsupported("an atomic group '(?>...)'")
        case UInt8(ascii: "#"): throw .unsupported("a comment '(?#...)'")
        default: throw .unsupported("flags or a group of the form '(?...)' (only '(?:...)' and '(?<name>...)' are supported)")
        }
    }

    /// One literal character: a byte, or the whole UTF-8 sequence of a non-ASCII character.
    private mutating func literal() -> PatternNode {
        let sequence = scalarBytes()
        return sequence.count == 1 ? .characters(ByteSet(sequence[0]), anyNonASCII: false) : .sequence(sequence)
    }

    /// The bytes of the character at `i`, consumed.
    private mutating func scalarBytes() -> [UInt8] {
        let lead = bytes[i]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        let end = min(i + length, bytes.count)
        defer { i = end }
        return Array(bytes[i..<end])
    }

    /// An escape after its backslash: a class, or one character (`single`) a range may use.
    private mutating func parseEscape(inClass: Bool) throws(PatternProblem) -> (node: PatternNode, single: [UInt8]?) {
        guard let c = peek else { throw .invalid("the pattern ends with a lone '\\'") }
        i += 1
        func byte(_ value: UInt8) -> (PatternNode, [UInt8]?) { (.characters(ByteSet(value), anyNonASCII: false), [value]) }
        switch c {
        case UInt8(ascii: "d"): return (.characters(.digits, anyNonASCII: false), nil)
        case UInt8(ascii: "D"): return (.characters(ByteSet.digits.asciiComplement, anyNonASCII: true), nil)
        case UInt8(ascii: "w"): return (.characters(.word, anyNonASCII: false), nil)
        case UInt8(ascii: "W"): return (.characters(ByteSet.word.asciiComplement, anyNonASCII: true), nil)
        case UInt8(ascii: "s"): return (.characters(.space, anyNonASCII: false), nil)
        case UInt8(ascii: "S"): return (.characters(ByteSet.space.asciiComplement, anyNonASCII: true), nil)
        case UInt8(ascii: "t"): return byte(0x09)
        case UInt8(ascii: "n"): return byte(0x0A)
        case UInt8(ascii: "v"): return byte(0x0B)
        case UInt8(ascii: "f"): return byte(0x0C)
        case UInt8(ascii: "r"): return byte(0x0D)
        case UInt8(ascii: "e"): return byte(0x1B)
        case UInt8(ascii: "a"): return byte(0x07)
        case UInt8(ascii: "x"), UInt8(ascii: "u"):
            let scalar = try parseHexScalar(braced: c == UInt8(ascii: "x") && peek == UInt8(ascii: "{"), digits: c == UInt8(ascii: "u") ? 4 : 2)
            let encoded = Array(String(Character(scalar)).utf8)
            return (encoded.count == 1 ? .characters(ByteSet(encoded[0]), anyNonASCII: false) : .sequence(encoded), encoded)
        case UInt8(ascii: "b"), UInt8(ascii: "B"): throw .unsupported("a word boundary '\\b' or '\\B'")
        case UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"), UInt8(ascii: "G"): throw .unsupported("the anchor '\\\(Character(Unicode.Scalar(c)))' (the whole ID is always matched)")
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "k"): throw .unsupported("a back-reference such as '\\1' or '\\k<name>'")
        case UInt8(ascii: "p"), UInt8(ascii: "P"): throw .unsupported("a Unicode property '\\p{...}'")
        case UInt8(ascii: "Q"), UInt8(ascii: "E"): throw .unsupported("quoting with '\\Q...\\E' (escape each character with '\\' instead)")
        default:
            if ByteSet.word.contains(c) || c >= 0x80 {
                throw .unsupported("the escape '\\\(Character(Unicode.Scalar(c)))'")
            }
            // Escaped punctuation is the character itself.
            return byte(c)
        }
    }

    private mutating func parseHexScalar(braced: Bool, digits: Int) throws(PatternProblem) -> Unicode.Scalar {
        var value: UInt32 = 0
        var count = 0
        if braced { i += 1 }
        while let c = peek, let digit = Self.hexValue(c), braced ? count < 6 : count < digits {
            value = value * 16 + UInt32(digit)
            count += 1
            i += 1
        }
        if braced {
            guard peek == UInt8(ascii: "}") else { throw .invalid("a '\\x{' escape is not closed with '}'") }
            i += 1
        }
        guard count > 0, braced || count == digits, let scalar = Unicode.Scalar(value) else {
            throw .invalid("a hexadecimal escape is incomplete or names no character")
        }
        return scalar
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A class after its `[`.
    private mutating func parseClass() throws(PatternProblem) -> PatternNode {
        var ascii = ByteSet()
        var anyNonASCII = false
        var sequences: [[UInt8]] = []
        var negated = false
        if peek == UInt8(ascii: "^") {
            negated = true
            i += 1
        }
        var first = true
        while let c = peek, c != UInt8(ascii: "]") || first {
            if c == UInt8(ascii: "]") { throw .invalid("an empty class '[]'") }
            first = false
            if c == UInt8(ascii: "[") { throw .unsupported("a nested class or POSIX class such as '[[:alpha:]]'") }
            if c == UInt8(ascii: "&") || c == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] == c {
                throw .unsupported("class operations '&&' or '--'")
            }
            // One member: a character (which may start a range) or an escaped class.
            var low: [UInt8]?
            if c == UInt8(ascii: "\\") {
                i += 1
                let (node, single) = try parseEscape(inClass: true)
                if let single {
                    low = single
                } else if case .characters(let set, let nonASCII) = node {
                    ascii.formUnion(set)
                    anyNonASCII = anyNonASCII || nonASCII
                    continue
                }
            } else {
                low = scalarBytes()
            }
            guard let low else { continue }
            if peek == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] != UInt8(ascii: "]") {
                i += 1
                var high: [UInt8]
                if peek == UInt8(ascii: "\\") {
                    i += 1
                    guard let single = try parseEscape(inClass: true).single else { throw .invalid("a range ends with a class escape") }
                    high = single
                } else if peek == UInt8(ascii: "[") {
                    throw .unsupported("a nested class or POSIX class such as '[[:alpha:]]'")
                } else {
                    high = scalarBytes()
                }
                guard low.count == 1, high.count == 1 else {
                    throw .unsupported("a range of non-ASCII characters in a class")
                }
                guard low[0] <= high[0] else { throw .invalid("the range '\(Character(Unicode.Scalar(low[0])))-\(Character(Unicode.Scalar(high[0])))' is out of order") }
                ascii.formUnion(ByteSet(range: low[0]...high[0]))
            } else if low.count == 1 {
                ascii.insert(low[0])
            } else {
                sequences.append(low)
            }
        }
        guard peek == UInt8(ascii: "]") else { throw .invalid("a '[' class is never closed") }
        i += 1
        if negated {
            guard sequences.isEmpty else { throw .unsupported("a negated class with non-ASCII characters") }
            return .characters(ascii.asciiComplement, anyNonASCII: !anyNonASCII)
        }
        let characters = PatternNode.characters(ascii, anyNonASCII: anyNonASCII)
        return sequences.isEmpty ? characters : .alternation([characters] + sequences.map(PatternNode.sequence))
    }
}
