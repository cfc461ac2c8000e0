/// The SHA-256 of one input file, as a saved plan pins it.
public struct FileDigest: Hashable, Sendable, Codable {
    /// Display path.
    public var path: String
    /// SHA-256, hex.
    public var sha256: String

    /// Creates a digest entry.
    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }

    /// The digest of `file`'s bytes.
    public init(of file: SourceFile) {
        self.init(path: file.path, sha256: Digest.sha256(file.bytes))
    }
}
