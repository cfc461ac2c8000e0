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
