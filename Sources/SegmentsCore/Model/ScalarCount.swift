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
