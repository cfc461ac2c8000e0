extension StringProtocol {
    /// The number of Unicode scalars: what `unicodeScalars.count` says, counted on the UTF-8
    /// bytes (every byte that does not continue a scalar starts one) without decoding them.
    /// ConfigCat's length limits count this way.
    public var scalarCount: Int {
        if let count = utf8.withContiguousStorageIfAvailable(Self.scalarCount(of:)) { return count }
        return Self.scalarCount(of: utf8)
    }

    private static func scalarCount(of bytes: some Sequence<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}

extension UInt8 {
    /// Whether this is a printable ASCII character (space to tilde): text made only of these
    /// needs no escaping and has no Unicode subtleties, so fast paths read it byte by byte.
    var isPrintableASCII: Bool { self >= 0x20 && self < 0x7F }
}

extension String {
    /// Whether the first or the last character is whitespace, as `Character.isWhitespace` says
    /// (which looks at a character's first scalar). Reads a byte at each end when it can:
    /// an ASCII byte that is not whitespace ends a character whose first scalar is not either.
    public var hasWhitespaceAtAnEnd: Bool {
        if unicodeScalars.first?.properties.isWhitespace == true { return true }
        guard let byte = utf8.last else { return false }
        if byte < 0x80, !(0x09...0x0D).contains(byte), byte != 0x20 { return false }
        return last?.isWhitespace == true
    }
}
