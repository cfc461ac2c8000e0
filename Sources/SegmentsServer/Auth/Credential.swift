/// What a bearer token grants: kept as the SHA-256 of the token, never the token itself.
struct Credential: Sendable {
    /// SHA-256 of the token's UTF-8 bytes, as lowercase hex.
    var tokenDigest: String
    /// Whether the token's user may use the segments API.
    var isSuperAdmin: Bool
}
