/// A file's display path and its bytes: what the core reads, so tests can feed inline YAML.
public struct SourceFile: Sendable {
    /// The path shown in diagnostics, relative to the working directory.
    public var path: String
    /// The raw bytes.
    public var bytes: [UInt8]

    /// Creates a source file from bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Creates a source file from text (tests and generated files).
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// A source file that is read only when needed, so validation can read and parse files in
/// parallel without holding the whole repository in memory.
public struct PendingSourceFile: Sendable {
    /// The display path.
    public var path: String
    /// Reads the file, or explains why it cannot be read.
    public var load: @Sendable () -> Result<SourceFile, Diagnostic>

    /// A pending file with a custom loader.
    public init(path: String, load: @escaping @Sendable () -> Result<SourceFile, Diagnostic>) {
        self.path = path
        self.load = load
    }

    /// A pending file that is already in memory.
    public init(_ file: SourceFile) {
        path = file.path
        load = { .success(file) }
    }
}
