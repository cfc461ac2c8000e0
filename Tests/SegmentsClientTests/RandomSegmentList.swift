import SegmentsTestSupport

/// Random platform segment lists as a server could write them: fields in any order, optional
/// fields present, null or absent, unknown fields holding any JSON, strings with any character
/// in any legal spelling (raw, short escape, `\u` escape, surrogate pair), any whitespace.
enum RandomSegmentList {
    /// Characters strings are drawn from: plain, JSON-special, control, non-ASCII, astral,
    /// bidirectional controls.
    static let alphabet: [Unicode.Scalar] = Array("abcXYZ019-_ @./\"\\".unicodeScalars)
        + [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1B, 0x1F, 0x7F, 0xE9, 0x2028, 0x202E, 0x65E5, 0xFFFD, 0x1F600, 0x10FFFF].map { Unicode.Scalar($0)! }

    /// A whole document.
    static func make(using random: inout SeededRandom, maxSegments: Int = 12) -> [UInt8] {
        var out: [UInt8] = []
        space(&out, &random)
        out.append(UInt8(ascii: "["))
        for index in 0..<Int.random(in: 0...maxSegments, using: &random) {
            if index > 0 { punctuation(",", &out, &random) }
            segment(&out, &random)
        }
        punctuation("]", &out, &random)
        space(&out, &random)
        return out
    }

    /// `document` with one random corruption: cut short, a byte dropped, inserted or replaced,
    /// or a span repeated.
    static func corrupt(_ document: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        var bytes = document
        let interesting = Array("\"\\,:[]{}0e-nu ".utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xED, 0xFF]
        let at = Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            bytes.removeSubrange(at...)
        case 1 where at < bytes.count:
            bytes.remove(at: at)
        case 2:
            bytes.insert(interesting.randomElement(using: &random)!, at: at)
        case 3 where at < bytes.count:
            bytes[at] = interesting.randomElement(using: &random)!
        default:
            let end = min(bytes.count, at + Int.random(in: 1...12, using: &random))
            bytes.insert(contentsOf: bytes[at..<end], at: end)
        }
        return bytes
    }

    private static func segment(_ out: inout [UInt8], _ random: inout SeededRandom) {
        var fields: [(String, (inout [UInt8], inout SeededRandom) -> Void)] = [
            ("id", { string(&$0, &$1) }),
            ("name", { string(&$0, &$1) }),
        ]
        let optional: [(String, (inout [UInt8], inout SeededRandom) -> Void)] = [
            ("description", { string(&$0, &$1) }),
            ("isActive", { literal(Bool.random(using: &$1) ? "true" : "false", &$0) }),
            ("userIds", { strings(&$0, &$1) }),
            ("companyIds", { strings(&$0, &$1) }),
            ("updatedAt", { string(&$0, &$1) }),
        ]
        for field in optional {
            switch Int.random(in: 0..<3, using: &random) {
            case 0: fields.append(field)
            case 1: fields.append((field.0, { out, _ in literal("null", &out) }))
            default: break
            }
        }
        for index in 0..<Int.random(in: 0...2, using: &random) {
            fields.append(("extra\(index)", { anyValue(&$0, &$1, depth: 0) }))
        }
        fields.shuffle(using: &random)
        punctuation("{", &out, &random)
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { punctuation(",", &out, &random) }
            space(&out, &random)
            encode(key, &out, &random)
            punctuation(":", &out, &random)
            space(&out, &random)
            value(&out, &random)
        }
        punctuation("}", &out, &random)
    }

    private static func anyValue(_ out: inout [UInt8], _ random: inout SeededRandom, depth: Int) {
        switch Int.random(in: 0..<(depth < 3 ? 7 : 5), using: &random) {
        case 0: string(&out, &random)
        case 1: number(&out, &random)
        case 2: literal(["true", "false", "null"].randomElement(using: &random)!, &out)
        case 3: strings(&out, &random)
        case 4: literal("{}", &out)
        case 5:
            punctuation("[", &out, &random)
            for index in 0..<Int.random(in: 0...3, using: &random) {
                if index > 0 { punctuation(",", &out, &random) }
                anyValue(&out, &random, depth: depth + 1)
            }
            punctuation("]", &out, &random)
        default:
            punctuation("{", &out, &random)
            for index in 0..<Int.random(in: 0...3, using: &random) {
                if index > 0 { punctuation(",", &out, &random) }
                string(&out, &random)
                punctuation(":", &out, &random)
                anyValue(&out, &random, depth: depth + 1)
            }
            punctuation("}", &out, &random)
        }
    }

    private static func number(_ out: inout [UInt8], _ random: inout SeededRandom) {
        var text = Bool.random(using: &random) ? "-" : ""
        text += Bool.random(using: &random) ? "0" : String(Int.random(in: 1...9, using: &random)) + digits(&random)
        if Bool.random(using: &random) { text += "." + String(Int.random(in: 0...9, using: &random)) + digits(&random) }
        if Bool.random(using: &random) { text += ["e", "E"].randomElement(using: &random)! + ["", "+", "-"].randomElement(using: &random)! + "9" + digits(&random) }
        literal(text, &out)
    }

    private static func digits(_ random: inout SeededRandom) -> String {
        String((0..<Int.random(in: 0...30, using: &random)).map { _ in "0123456789".randomElement(using: &random)! })
    }

    private static func strings(_ out: inout [UInt8], _ random: inout SeededRandom) {
        punctuation("[", &out, &random)
        for index in 0..<Int.random(in: 0...5, using: &random) {
            if index > 0 { punctuation(",", &out, &random) }
            string(&out, &random)
        }
        punctuation("]", &out, &random)
    }

    private static func string(_ out: inout [UInt8], _ random: inout SeededRandom) {
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...12, using: &random) { text.append(alphabet.randomElement(using: &random)!) }
        encode(String(text), &out, &random)
    }

    /// `text` as a JSON string, each character in a randomly chosen legal spelling.
    private static func encode(_ text: String, _ out: inout [UInt8], _ random: inout SeededRandom) {
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            let short: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "\u{8}": "\\b", "\u{C}": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "/": "\\/"]
            let mustEscape = scalar.value < 0x20 || scalar == "\"" || scalar == "\\"
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where short[scalar] != nil:
                out.append(contentsOf: short[scalar]!.utf8)
            case 1:
                unicodeEscape(scalar, &out, &random)
            default:
                if mustEscape {
                    if let spelling = short[scalar] { out.append(contentsOf: spelling.utf8) } else { unicodeEscape(scalar, &out, &random) }
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ scalar: Unicode.Scalar, _ out: inout [UInt8], _ random: inout SeededRandom) {
        func hex(_ unit: UInt32) {
            let digits = String(unit, radix: 16, uppercase: Bool.random(using: &random))
            out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - digits.count) + digits).utf8)
        }
        if scalar.value >= 0x10000 {
            let value = scalar.value - 0x10000
            hex(0xD800 + (value >> 10))
            hex(0xDC00 + (value & 0x3FF))
        } else {
            hex(scalar.value)
        }
    }

    private static func punctuation(_ mark: Character, _ out: inout [UInt8], _ random: inout SeededRandom) {
        space(&out, &random)
        out.append(contentsOf: String(mark).utf8)
    }

    private static func literal(_ text: String, _ out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    private static func space(_ out: inout [UInt8], _ random: inout SeededRandom) {
        for _ in 0..<[0, 0, 0, 1, 2].randomElement(using: &random)! {
            out.append([0x20, 0x0A, 0x0D, 0x09].randomElement(using: &random)!)
        }
    }
}
