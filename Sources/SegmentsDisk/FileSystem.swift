import SegmentsCore

/// The file operations segctl needs, with errors as readable sentences: bounded reads of
/// regular files only, atomic replacement, and a lock for edits that must not be lost.
public enum FileSystem {
    /// What is at a path, without following a final symlink.
    public enum EntryKind: Sendable, Equatable {
        case regular(size: Int), directory, symlink, other, missing
    }

    /// An operation failed; `reason` says why.
    public struct Failure: Error, Sendable {
        /// Why, e.g. "Permission denied".
        public var reason: String

        /// Creates a failure.
        public init(reason: String) {
            self.reason = reason
        }

        init(_ failure: Platform.Failure) {
            reason = failure.reason
        }
    }

    /// The kind of entry at `path`; follows symlinks when `follow` is true.
    public static func kind(of path: String, follow: Bool = false) -> EntryKind {
        guard let status = Platform.status(path, follow: follow) else { return .missing }
        switch status.kind {
        case .regular: return .regular(size: status.size)
        case .directory: return .directory
        case .symlink: return .symlink
        case .other: return .other
        }
    }

    /// The canonical absolute path with every symlink resolved, or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        Platform.realPath(path)
    }

    /// The names in a directory, sorted, without `.` and `..`.
    public static func entries(of path: String) throws(Failure) -> [String] {
        do {
            return try Platform.directoryEntries(path).sorted()
        } catch {
            throw Failure(error)
        }
    }

    /// The whole contents of the regular file at `path`, at most `limit` bytes.
    ///
    /// Devices, pipes, sockets and directories are refused before anything is read (opening is
    /// non-blocking, so a FIFO cannot hang the caller), and so is a file over `limit` bytes,
    /// including one that grows past it while being read.
    public static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let descriptor: Int32
        do {
            descriptor = try Platform.openForReading(path)
        } catch {
            throw Failure(error)
        }
        defer { Platform.close(descriptor) }
        return try read(descriptor, limit: limit)
    }

    /// Reads an open regular file to its end, at most `limit` bytes.
    static func read(_ descriptor: Int32, limit: Int) throws(Failure) -> [UInt8] {
        let status: Platform.FileStatus
        do {
            status = try Platform.status(descriptor)
        } catch {
            throw Failure(error)
        }
        guard status.kind == .regular else {
            throw Failure(reason: status.kind == .directory ? "it is a directory" : "not a regular file (a device, pipe or socket); refusing to read it")
        }
        guard status.size <= limit else { throw tooLarge(limit) }
        return try readAll(descriptor, sizeHint: status.size, limit: limit)
    }

    /// Everything on standard input (a pipe, a file or a terminal), at most `limit` bytes.
    public static func readStandardInput(limit: Int) throws(Failure) -> [UInt8] {
        try readAll(Platform.standardInput, sizeHint: 64 << 10, limit: limit)
    }

    /// The refusal of input over `limit` bytes.
    public static func tooLarge(_ limit: Int) -> Failure {
        Failure(reason: "larger than the \(ByteCount.text(limit)) limit; refusing to read it")
    }

    /// Reads `descriptor` to its end, failing once more than `limit` bytes arrive. Reads
    /// straight into the array, sized by the hint; grows only if the file grew meanwhile.
    private static func readAll(_ descriptor: Int32, sizeHint: Int, limit: Int) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var capacity = min(max(sizeHint, 0), limit) + 1
        var count = 0
        var failure: Platform.Failure?
        while true {
            let buffer = [UInt8](unsafeUninitializedCapacity: capacity) { storage, initialized in
                if count > 0 { bytes.withUnsafeBufferPointer { storage.baseAddress!.update(from: $0.baseAddress!, count: count) } }
                initialized = count
                while initialized < capacity {
                    do throws(Platform.Failure) {
                        let n = try Platform.read(descriptor, into: storage.baseAddress! + initialized, count: capacity - initialized)
                        if n == 0 { break }
                        initialized += n
                    } catch {
                        failure = error
                        return
                    }
                }
            }
            if let failure { throw Failure(failure) }
            let filled = buffer.count == capacity
            bytes = buffer
            count = buffer.count
            if count > limit { throw tooLarge(limit) }
            if !filled { return bytes }
            capacity = min(capacity * 2, limit + 1)
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory, then a rename,
    /// so an interruption leaves either the old file or the new one, never half of one. An
    /// existing file keeps its permissions; a new one gets `newFileMode` (the temporary file is
    /// private from the start, so the content is never readable by others).
    public static func writeAtomically(_ bytes: [UInt8], to path: String, newFileMode: UInt32 = 0o644) throws(Failure) {
        try writeAtomically(bytes, to: path, newFileMode: newFileMode, check: {})
    }

    /// Writes `bytes` to `path` atomically, running `check` just before the rename; the rename
    /// does not happen if `check` throws.
    static func writeAtomically(_ bytes: [UInt8], to path: String, newFileMode: UInt32 = 0o644, check: () throws(Failure) -> Void) throws(Failure) {
        let mode = Platform.status(path, follow: true)?.mode ?? newFileMode
        let temporary: (descriptor: Int32, path: String)
        do {
            temporary = try Platform.makeTemporaryFile("\(path).segctl-XXXXXX")
        } catch {
            throw Failure(error)
        }
        let written: Result<Void, Platform.Failure> = bytes.withUnsafeBytes { buffer in
            Result { () throws(Platform.Failure) in
                try Platform.write(temporary.descriptor, buffer)
                try Platform.finish(temporary.descriptor, mode: mode)
            }
        }
        Platform.close(temporary.descriptor)
        if case .failure(let error) = written {
            Platform.remove(temporary.path)
            throw Failure(error)
        }
        do {
            try check()
            try Platform.rename(temporary.path, to: path)
        } catch let error as Failure {
            Platform.remove(temporary.path)
            throw error
        } catch let error as Platform.Failure {
            Platform.remove(temporary.path)
            throw Failure(error)
        } catch {
            Platform.remove(temporary.path)
            throw Failure(reason: "\(error)")
        }
    }

    /// Appends `text` to the file at `path`, creating it if needed.
    public static func append(_ text: String, to path: String) throws(Failure) {
        var text = text
        let result: Result<Void, Platform.Failure> = text.withUTF8 { buffer in
            Result { () throws(Platform.Failure) in try Platform.append(UnsafeRawBufferPointer(buffer), to: path) }
        }
        if case .failure(let error) = result { throw Failure(error) }
    }

    /// The current working directory.
    public static func currentDirectory() -> String {
        Platform.currentDirectory()
    }
}
