extension StringProtocol {
    /// The text without leading and trailing spaces (Unicode's space separators) and tabs: what
    /// Foundation's `trimmingCharacters(in: .whitespaces)` removes, without Foundation.
    public func trimmingSpaces() -> String {
        // Most text has nothing to trim: an ASCII byte other than a space or tab at each end.
        let untrimmed = utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            return first < 0x80 && first != 0x20 && first != 0x09 && last < 0x80 && last != 0x20 && last != 0x09
        }
        if untrimmed == true { return String(self) }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !Self.isSpace($0) })!
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[first...last])
        return text
    }

    /// Whether the text is empty or only spaces and tabs; stops at the first other character.
    public var isBlank: Bool {
        !unicodeScalars.contains { !Self.isSpace($0) }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar.properties.generalCategory == .spaceSeparator
    }
}
