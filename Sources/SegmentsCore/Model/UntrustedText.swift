/// Text that came from outside (a server, a pull request's file, an error body) made safe to
/// print: control characters cannot move the cursor, clear the screen, set a terminal title
/// or hide text (ANSI/OSC sequences), and bidirectional overrides cannot reorder a line.
public enum UntrustedText {
    /// `text` with every C0 and C1 control character, DEL, and Unicode bidirectional control
    /// written as a visible escape (`\e`, `\n`, `\u{202E}`); everything else unchanged.
    public static func escaped(_ text: String) -> String {
        // Printable ASCII (most IDs and names) needs nothing, and is checked a byte at a time.
        let printable = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0.isPrintableASCII }
        }
        if printable == true { return text }
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{1B}": out += "\\e"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// Whether `scalar` must not reach a terminal raw.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Bidirectional embeddings, overrides and isolates, and the marks that reorder text.
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
