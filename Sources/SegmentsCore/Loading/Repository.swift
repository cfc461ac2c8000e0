/// A repository on disk: its `segctl.yaml` and the segment files under the configured directory.
///
/// This is the only part of the core that touches the file system; everything after it works
/// on `SourceFile` values.
public struct Repository: Sendable {
    /// The configuration could not be used; every problem is in `diagnostics` (exit code 2).
    public struct ConfigurationError: Error, Sendable {
        /// What is wrong, with locations in `segctl.yaml` where there are any.
        public var diagnostics: [Diagnostic]
    }

    /// The name of the configuration file looked up in the working directory.
    public static let configFileName = "segctl.yaml"
    /// Files larger than this are refused unread (64 MiB).
    public static let defaultMaxFileSize = 64 << 20
    /// `segctl.yaml` larger than this is refused unread (1 MiB): a config is a few lines.
    public static let maxConfigFileSize = 1 << 20

    /// The directory segctl runs in (after `-C`), absolute; display paths are relative to it.
    public let workingDirectory: String
    /// The configuration.
    public let config: RepositoryConfig
    /// The absolute path of `segctl.yaml`, nil when the defaults are used.
    public let configPath: String?
    /// The repository root: the directory holding `segctl.yaml`; symlinks may not leave it.
    public let root: String
    /// The absolute path of the segments directory.
    public let segmentsPath: String
    /// The size limit for one segment file.
    public var maxFileSize = Repository.defaultMaxFileSize

    /// Opens the repository whose config is `configFile` (or `segctl.yaml` in `workingDirectory`).
    public static func open(workingDirectory: String, configFile: String? = nil) throws(ConfigurationError) -> Repository {
        let cwd = workingDirectory
        let explicit = configFile.map { absolute($0, from: cwd) }
        let candidate = explicit ?? join(cwd, configFileName)
        var diagnostics: [Diagnostic] = []
        var config = RepositoryConfig.defaults()
        var configPath: String? = nil
        switch FileSystem.kind(of: candidate, follow: true) {
        case .regular:
            configPath = candidate
            let display = relative(candidate, to: cwd)
            do {
                let bytes = try FileSystem.read(candidate, limit: maxConfigFileSize)
                config = ConfigDecoder().decode(bytes, file: display, into: &diagnostics)
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
            switch FileSystem.kind(of: segmentsPath, follow: true) {
            case .directory: break
            case .missing:
                diagnostics.append(.error(
                    ConfigDecoder.rule,
                    "segments directory \(relative(segmentsPath, to: cwd)) does not exist (set 'directory' in \(configFileName), or create it)",
                    at: nil))
            default:
                diagnostics.append(.error(ConfigDecoder.rule, "\(relative(segmentsPath, to: cwd)) is not a directory", at: nil))
            }
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw ConfigurationError(diagnostics: Diagnostic.sorted(diagnostics))
        }
        return Repository(workingDirectory: cwd, config: config, configPath: configPath, root: root, segmentsPath: segmentsPath)
    }

    /// Every segment file under the segments directory, sorted by path, to be read lazily;
    /// plus problems found while listing (symlinks leaving the repository, oversized files).
    public func segmentFiles() -> (files: [PendingSourceFile], diagnostics: [Diagnostic]) {
        var walk = DirectoryWalk(repository: self)
        walk.visit(segmentsPath)
        return (walk.files, walk.diagnostics)
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

/// A recursive listing of the segments directory that follows symlinks only within the repository.
private struct DirectoryWalk {
    let repository: Repository
    let realRoot: String
    var files: [PendingSourceFile] = []
    var diagnostics: [Diagnostic] = []
    var visited: Set<String> = []

    init(repository: Repository) {
        self.repository = repository
        realRoot = FileSystem.realPath(repository.root) ?? repository.root
    }

    /// Lists `directory`, shown to users as `display` (carried along to avoid recomputing it per file).
    mutating func visit(_ directory: String, display: String? = nil) {
        let display = display ?? repository.displayPath(directory)
        if let real = FileSystem.realPath(directory) {
            guard visited.insert(real).inserted else { return }
        }
        let names: [String]
        do {
            names = try FileSystem.entries(of: directory)
        } catch {
            problem(directory, "cannot list directory: \(error.reason)")
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = Repository.join(directory, name)
            let shown = display == "." ? name : display + "/" + name
            switch FileSystem.kind(of: path) {
            case .directory:
                visit(path, display: shown)
            case .regular(let size):
                if Repository.isSegmentFileName(name) { addFile(path, size: size, display: shown) }
            case .symlink:
                followSymlink(path, name: name)
            case .other:
                if Repository.isSegmentFileName(name) { problem(path, "not a regular file (a device, pipe or socket); refusing to read it") }
            case .missing:
                break
            }
        }
    }

    mutating func followSymlink(_ path: String, name: String) {
        guard let target = FileSystem.realPath(path) else {
            if Repository.isSegmentFileName(name) { problem(path, "broken symlink: its target does not exist") }
            return
        }
        let inside = target == realRoot || target.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
        switch FileSystem.kind(of: target) {
        case .directory:
            if inside {
                visit(path)
            } else {
                problem(path, "symlink to a directory outside the repository (\(target)); not followed")
            }
        case .regular(let size):
            guard Repository.isSegmentFileName(name) else { return }
            if inside {
                addFile(path, size: size)
            } else {
                problem(path, "symlink leads outside the repository (to \(target)); refusing to read it")
            }
        default:
            if Repository.isSegmentFileName(name) { problem(path, "symlink to something that is not a regular file; refusing to read it") }
        }
    }

    mutating func addFile(_ path: String, size: Int, display: String? = nil) {
        let display = display ?? repository.displayPath(path)
        let limit = repository.maxFileSize
        if size > limit {
            problem(path, "file is \(Self.mebibytes(size)), over the \(Self.mebibytes(limit)) limit; refusing to read it")
            return
        }
        files.append(PendingSourceFile(path: display) {
            do throws(FileSystem.Failure) {
                return .success(SourceFile(path: display, bytes: try FileSystem.read(path, limit: limit)))
            } catch {
                return .failure(.error("unreadable", "cannot read file: \(error.reason)", at: SourceLocation(file: display, line: 1, column: 1)))
            }
        })
    }

    mutating func problem(_ path: String, _ message: String) {
        diagnostics.append(.error("file", message, at: SourceLocation(file: repository.displayPath(path), line: 1, column: 1)))
    }

    static func mebibytes(_ bytes: Int) -> String {
        let mib = Double(bytes) / Double(1 << 20)
        return mib >= 10 || mib == mib.rounded() ? "\(Int(mib.rounded())) MiB" : "\((mib * 10).rounded() / 10) MiB"
    }
}
