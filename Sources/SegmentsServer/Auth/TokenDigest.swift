import Crypto

/// The form in which tokens are stored and compared: SHA-256 of the UTF-8 bytes, lowercase hex.
enum TokenDigest {
    /// The digest of `token`.
    static func of(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * SHA256.byteCount)
        for byte in SHA256.hash(data: Array(token.utf8)) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
