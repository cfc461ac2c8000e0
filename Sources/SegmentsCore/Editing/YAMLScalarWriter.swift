/// Writes strings as YAML scalars that read back as exactly the same string: plain where
/// that is unambiguous, double-quoted otherwise.
public enum YAMLScalarWriter {
    /// `text` as a YAML scalar for a block context (a mapping value or a list item).
    public static func scalar(_ text: String) -> String {
        isSafePlain(text) ? text : doubleQuoted(text)
    }

    /// `text` as a YAML scalar inside a flow list (`[a, b]`), where `,[]{}` also need quotes,
    /// and so do a leading `:` or `?` (libyaml reads either as an indicator there, whatever
    /// follows: `[:a]` is a syntax error) and a `:` before a `?` (`[a:?b]` is one too).
    public static func flowScalar(_ text: String) -> String {
        let plain = isSafePlain(text) && !text.contains(where: { ",[]{}".contains($0) })
            && !text.hasPrefix(":") && !text.hasPrefix("?") && !text.contains(":?")
        return plain ? text : doubleQuoted(text)
    }

    /// A list item that expires, in the one form segctl writes: `{id: user-456, expires: 2026-12-31}`.
    public static func expiringItem(_ id: String, expires: String) -> String {
        "{id: \(flowScalar(id)), expires: \(flowScalar(expires))}"
    }

    /// Whether `text` can be written unquoted and still read back as the same string.
    public static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == " " || last == " " || first == "\t" || last == "\t" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) {
            // "-x" and "?x" and ":x" are plain in block context only when not followed by a space.
            guard first == "-" || first == "?" || first == ":" else { return false }
            let scalars = Array(text.unicodeScalars)
            if scalars.count == 1 || scalars[1] == " " { return false }
        }
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ") { return false }
            if previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#") { return false }
            if byte < 0x20 || byte == 0x7F { return false }
            previous = byte
        }
        if previous == UInt8(ascii: ":") { return false }
        if text.utf8.contains(where: { $0 >= 0x80 }) {
            for scalar in text.unicodeScalars where (0x80...0x9F).contains(scalar.value) || scalar == "\u{FEFF}" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                return false
            }
        }
        if text.hasPrefix("---") || text.hasPrefix("...") { return false }
        return ScalarType.resolvePlain(text) == .string
    }

    /// `text` in double quotes with YAML escapes.
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                // Control characters, and the Unicode line breaks YAML would fold, are escaped.
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar == "\u{FEFF}" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    out += scalar.value <= 0xFF
                        ? "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                        : "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A comment's text on one line.
    public static func comment(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
