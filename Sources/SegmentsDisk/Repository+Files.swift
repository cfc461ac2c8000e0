import SegmentsCore

extension Repository {
    /// The segment files under `paths` (files or directories, as given on the command line),
    /// or all of `files` when `paths` is empty.
    public func select(_ paths: [String], from files: [PendingSourceFile]) throws(SegctlError) -> [PendingSourceFile] {
        guard !paths.isEmpty else { return files }
        var selected: [PendingSourceFile] = []
        for path in paths {
            let absolute = absolutePath(path)
            let display = displayPath(absolute)
            switch FileSystem.kind(of: absolute, follow: true) {
            case .directory:
                selected += files.filter { display == "." || $0.path.hasPrefix(display + "/") }
            case .regular:
                let limit = maxFileSize
                selected.append(PendingSourceFile(path: display) {
                    do throws(FileSystem.Failure) {
                        return .success(SourceFile(path: display, bytes: try FileSystem.read(absolute, limit: limit)))
                    } catch {
                        return .failure(.error("unreadable", "cannot read file: \(error.reason)", at: SourceLocation(file: display, line: 1, column: 1)))
                    }
                })
            default:
                throw .failed("\(path): no such file or directory")
            }
        }
        return selected
    }
}

extension Repository {
    /// Writes `bytes` to the display path `path`, atomically.
    public func write(_ bytes: [UInt8], to path: String) throws(SegctlError) {
        do {
            try FileSystem.writeAtomically(bytes, to: absolutePath(path))
        } catch {
            throw .failed("cannot write \(path): \(error.reason)")
        }
    }

    /// The regular file at the display path `path`, at most `limit` bytes; `what` names it in the error.
    public func read(_ path: String, limit: Int, what: String) throws(SegctlError) -> [UInt8] {
        do {
            return try FileSystem.read(absolutePath(path), limit: limit)
        } catch {
            throw .failed("cannot read \(what) \(path): \(error.reason)")
        }
    }
}
