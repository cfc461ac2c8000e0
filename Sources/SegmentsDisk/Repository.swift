import SegmentsCore

/// A repository on disk: its `segctl.yaml` and the segment files under the configured directory.
///
/// This is the disk edge of segctl: it reads the configuration and lists the segment files,
/// and hands the core a `RepositoryContents` value; everything after it works on values.
public struct Repository: Sendable {
    /// Files larger than this are refused unread (64 MiB).
    public static let defaultMaxFileSize = 64 << 20
    /// `segctl.yaml` larger than this is refused unread (1 MiB): a config is a few lines.
    public static let maxConfigFileSize = 1 << 20

    /// The directory segctl runs in (after `-C`), absolute; display paths are relative to it.
    public let workingDirectory: String
    /// The configuration.
    public let config: RepositoryConfig
    /// `segctl.yaml` as read, nil when the defaults are used.
    public let configFile: SourceFile?
    /// The absolute path of `segctl.yaml`, nil when the defaults are used.
    public let configPath: String?
    /// The repository root: the directory holding `segctl.yaml`; neither the segments
    /// directory nor a symlink inside it may lead out of it.
    public let root: String
    /// The absolute path of the segments directory.
    public let segmentsPath: String
    /// The size limit for one segment file.
    public var maxFileSize = Repository.defaultMaxFileSize

    /// Opens the repository whose config is `configFile` (or `segctl.yaml` in the working
    /// directory), after changing to `directory` (the global `-C`) if given.
    public static func open(from currentDirectory: String, changingTo directory: String? = nil, configFile: String? = nil) throws(SegctlError) -> Repository {
        var cwd = currentDirectory
        if let directory {
            let target = absolute(directory, from: cwd)
            guard case .directory = FileSystem.kind(of: target, follow: true) else {
                throw .usage("cannot change to '\(directory)': no such directory")
            }
            cwd = FileSystem.realPath(target) ?? target
        }
        return try open(workingDirectory: cwd, configFile: configFile)
    }

    /// Opens the repository whose config is `configFile` (or `segctl.yaml` in `workingDirectory`).
    public static func open(workingDirectory: String, configFile: String? = nil) throws(SegctlError) -> Repository {
        let cwd = workingDirectory
        let explicit = configFile.map { absolute($0, from: cwd) }
        let candidate = explicit ?? join(cwd, RepositoryConfig.fileName)
        let decoder = TargetCatalogue.configDecoder
        var diagnostics: [Diagnostic] = []
        var config = decoder.defaults
        var configPath: String? = nil
        var source: SourceFile? = nil
        switch FileSystem.kind(of: candidate, follow: true) {
        case .regular:
            configPath = candidate
            let display = relative(candidate, to: cwd)
            do {
                let bytes = try FileSystem.read(candidate, limit: maxConfigFileSize)
                source = SourceFile(path: display, bytes: bytes)
                config = decoder.decode(bytes, file: display, into: &diagnostics)
            } catch {
                diagnostics.append(.error(ConfigDecoder.rule, "cannot read \(display): \(error.reason)", at: nil))
            }
        case .missing where explicit == nil:
            break
        default:
            diagnostics.append(.error(ConfigDecoder.rule, "config file \(relative(candidate, to: cwd)) does not exist or is not a regular file", at: nil))
        }
        let root = configPath.map(parent) ?? cwd
        let segmentsPath = absolute(config.directory, from: root)
        if diagnostics.isEmpty {
            diagnostics += checkSegmentsDirectory(segmentsPath, root: root, config: config, cwd: cwd)
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw .configuration(Diagnostic.sorted(diagnostics))
        }
        return Repository(workingDirectory: cwd, config: config, configFile: source, configPath: configPath, root: root, segmentsPath: segmentsPath)
    }

    /// The segments directory exists, is a directory, and lies inside the repository root, also
    /// once symlinks are resolved: a pull request must not make segctl read files elsewhere.
    private static func checkSegmentsDirectory(_ path: String, root: String, config: RepositoryConfig, cwd: String) -> [Diagnostic] {
        let shown = relative(path, to: cwd)
        let place = config.file.map { "'directory' in \($0)" } ?? "the segments directory"
        guard isInside(path, root) else {
            return [.error(ConfigDecoder.rule, "\(place) (\(UnknownKeyRule.excerpt(config.directory))) leads outside the directory of \(RepositoryConfig.fileName) (\(relative(root, to: cwd))); segctl reads segment files only inside it", at: nil)]
        }
        switch FileSystem.kind(of: path, follow: true) {
        case .directory:
            let realRoot = FileSystem.realPath(root) ?? root
            if let real = FileSystem.realPath(path), !isInside(real, realRoot) {
                return [.error(ConfigDecoder.rule, "\(shown) is a symlink to \(real), outside the directory of \(RepositoryConfig.fileName); segctl reads segment files only inside it", at: nil)]
            }
            return []
        case .missing:
            return [.error(
                ConfigDecoder.rule,
                "segments directory \(shown) does not exist (set 'directory' in \(RepositoryConfig.fileName), or create it)",
                at: nil)]
        default:
            return [.error(ConfigDecoder.rule, "\(shown) is not a directory", at: nil)]
        }
    }

    /// Whether the absolute, normalized `path` is `directory` or inside it.
    static func isInside(_ path: String, _ directory: String) -> Bool {
        path == directory || path.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/")
    }

    /// What the core works on: the configuration and the segment files, read lazily, plus
    /// problems found while listing (symlinks leaving the repository, oversized files).
    public func contents() -> RepositoryContents {
        var walk = DirectoryWalk(repository: self)
        walk.visit(segmentsPath)
        return RepositoryContents(
            config: config, configFile: configFile, files: walk.files, listingProblems: walk.diagnostics,
            segmentsDirectory: displayPath(segmentsPath))
    }

    /// The path of a file as shown to users: relative to the working directory.
    public func displayPath(_ absolutePath: String) -> String {
        Self.relative(absolutePath, to: workingDirectory)
    }

    /// The absolute path of a display path.
    public func absolutePath(_ displayPath: String) -> String {
        Self.absolute(displayPath, from: workingDirectory)
    }

    /// Whether `name` is a segment file name (`*.yaml` or `*.yml`, not hidden).
    public static func isSegmentFileName(_ name: String) -> Bool {
        !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }

    static func join(_ base: String, _ path: String) -> String {
        base.hasSuffix("/") ? base + path : base + "/" + path
    }

    static func absolute(_ path: String, from base: String) -> String {
        normalize(path.hasPrefix("/") ? path : join(base, path))
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Removes `.` and `..` components and duplicate slashes.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// `path` relative to the directory `base` (both absolute).
    static func relative(_ path: String, to base: String) -> String {
        let from = normalize(base).split(separator: "/")
        let to = normalize(path).split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let rest = to[common...].map(String.init)
        let joined = (ups + rest).joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }
}
