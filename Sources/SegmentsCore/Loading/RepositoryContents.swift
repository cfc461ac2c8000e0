/// What a command works on: the configuration, `segctl.yaml`'s bytes (for a saved plan's
/// digest), and the segment files, read lazily. The disk edge produces it; tests build it
/// from inline YAML.
public struct RepositoryContents: Sendable {
    /// The configuration.
    public var config: RepositoryConfig
    /// `segctl.yaml` as read, nil when the defaults are used.
    public var configFile: SourceFile?
    /// The segment files, sorted by path.
    public var files: [PendingSourceFile]
    /// Problems found while listing the files (symlinks leading out, oversized files).
    public var listingProblems: [Diagnostic]
    /// The display path of the segments directory, where new files go.
    public var segmentsDirectory: String

    /// Creates contents.
    public init(
        config: RepositoryConfig, configFile: SourceFile? = nil, files: [PendingSourceFile],
        listingProblems: [Diagnostic] = [], segmentsDirectory: String = "segments"
    ) {
        self.config = config
        self.configFile = configFile
        self.files = files
        self.listingProblems = listingProblems
        self.segmentsDirectory = segmentsDirectory
    }

    /// Contents of files held in memory.
    public init(config: RepositoryConfig, files: [SourceFile], segmentsDirectory: String = "segments") {
        self.init(config: config, files: files.map(PendingSourceFile.init), segmentsDirectory: segmentsDirectory)
    }

    /// The digest of `segctl.yaml`, when there is one.
    public var configDigest: FileDigest? {
        configFile.map(FileDigest.init(of:))
    }
}
