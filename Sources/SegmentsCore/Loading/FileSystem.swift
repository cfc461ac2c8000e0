#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations segctl needs, with errors as readable sentences.
public enum FileSystem {
    /// What is at a path, without following a final symlink.
    public enum EntryKind: Sendable {
        case regular(size: Int), directory, symlink, other, missing
    }

    /// An operation failed; `reason` is `strerror`'s text.
    public struct Failure: Error, Sendable {
        /// Why, e.g. "Permission denied".
        public var reason: String
    }

    /// The kind of entry at `path`; follows symlinks when `follow` is true.
    public static func kind(of path: String, follow: Bool = false) -> EntryKind {
        var info = stat()
        let status = follow ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int(info.st_size))
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// The canonical absolute path with every symlink resolved, or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The names in a directory, sorted, without `.` and `..`.
    public static func entries(of path: String) throws(Failure) -> [String] {
        guard let dir = opendir(path) else { throw lastFailure() }
        defer { closedir(dir) }
        var names: [String] = []
        // readdir packs entries at their real length: read the name in place, never copy the
        // whole `dirent` (that would read past the end of the kernel's buffer).
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(dir) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The whole contents of the regular file at `path`, at most `limit` bytes.
    ///
    /// Devices, pipes, sockets and directories are refused before anything is read (opening is
    /// non-blocking, so a FIFO cannot hang the caller), and so is a file over `limit` bytes,
    /// including one that grows past it while being read.
    public static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw lastFailure() }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw lastFailure() }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Failure(reason: (info.st_mode & S_IFMT) == S_IFDIR ? "it is a directory" : "not a regular file (a device, pipe or socket); refusing to read it")
        }
        guard Int(info.st_size) <= limit else { throw tooLarge(limit) }
        return try readAll(fd, sizeHint: Int(info.st_size), limit: limit)
    }

    /// Everything on standard input (a pipe, a file or a terminal), at most `limit` bytes.
    public static func readStandardInput(limit: Int) throws(Failure) -> [UInt8] {
        try readAll(0, sizeHint: 64 << 10, limit: limit)
    }

    /// The refusal of input over `limit` bytes.
    public static func tooLarge(_ limit: Int) -> Failure {
        Failure(reason: "larger than the \(ByteCount.text(limit)) limit; refusing to read it")
    }

    /// Reads `fd` to its end, failing once more than `limit` bytes arrive.
    private static func readAll(_ fd: Int32, sizeHint: Int, limit: Int) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var capacity = min(max(sizeHint, 0), limit) + 1
        var count = 0
        var failure: Failure?
        while failure == nil {
            if count == capacity {
                guard count <= limit else { throw tooLarge(limit) }
                capacity = min(capacity * 2, limit + 1)
            }
            let buffer = [UInt8](unsafeUninitializedCapacity: capacity) { storage, initialized in
                if count > 0 { bytes.withUnsafeBufferPointer { storage.baseAddress!.update(from: $0.baseAddress!, count: count) } }
                initialized = count
                while initialized < capacity {
                    let n = Glibc.read(fd, storage.baseAddress! + initialized, capacity - initialized)
                    if n < 0 {
                        if errno == EINTR { continue }
                        if errno == EAGAIN { poll(fd); continue }
                        failure = lastFailure()
                        return
                    }
                    if n == 0 { break }
                    initialized += n
                }
            }
            let filled = buffer.count == capacity
            bytes = buffer
            count = buffer.count
            if !filled { break }
            if count > limit { throw tooLarge(limit) }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Waits until `fd` is readable (standard input opened non-blocking by someone else).
    private static func poll(_ fd: Int32) {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = Glibc.poll(&entry, 1, -1)
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory, then a rename,
    /// so an interruption leaves either the old file or the new one, never half of one.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        var info = stat()
        let mode: mode_t = stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0o644
        var template = Array("\(path).segctl-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw lastFailure() }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: Failure?
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = lastFailure()
                break
            }
            offset += n
        }
        if failure == nil, fchmod(fd, mode) != 0 || fsync(fd) != 0 { failure = lastFailure() }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = lastFailure() }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// The current working directory.
    public static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    static func lastFailure() -> Failure {
        Failure(reason: String(cString: strerror(errno)))
    }
}
