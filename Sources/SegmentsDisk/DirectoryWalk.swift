import SegmentsCore

/// A recursive listing of the segments directory that follows symlinks only within the repository.
struct DirectoryWalk {
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
        let inside = Repository.isInside(target, realRoot)
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
