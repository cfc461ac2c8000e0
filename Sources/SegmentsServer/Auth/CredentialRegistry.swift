/// The tokens the server accepts, held as SHA-256 digests and matched in constant time.
struct CredentialRegistry: Sendable {
    private let entries: [(digest: [UInt8], credential: Credential)]

    /// A registry of the directory's tokens plus, when given, the bootstrap Super Admin token.
    init(directory: [Credential], bootstrapToken: String?) {
        var credentials = directory
        if let bootstrapToken, !bootstrapToken.isEmpty {
            credentials.append(Credential(tokenDigest: TokenDigest.of(bootstrapToken), isSuperAdmin: true))
        }
        entries = credentials.map { (Array($0.tokenDigest.utf8), $0) }
    }

    /// The credential `token` grants, or nil for an unknown token.
    ///
    /// Every stored digest is compared in full, whatever matches, so the time taken reveals
    /// neither whether the token is known nor how much of a digest it shares.
    func credential(for token: String) -> Credential? {
        let digest = Array(TokenDigest.of(token).utf8)
        var match: Credential?
        for entry in entries where Self.constantTimeEqual(digest, entry.digest) {
            match = entry.credential
        }
        return match
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices {
            difference |= a[index] ^ b[index]
        }
        return difference == 0
    }
}
