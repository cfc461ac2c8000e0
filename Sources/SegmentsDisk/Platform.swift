#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("segctl needs a POSIX C library: Glibc, Musl or Darwin")
#endif

/// The C library calls segctl makes, behind one small interface: this is the only file that
/// imports a C library, so the rest builds unchanged on glibc, Musl (the static Linux SDK)
/// and Darwin.
public enum Platform {
    /// What `stat` says about a file.
    public struct FileStatus: Sendable, Equatable {
        /// The kind of entry.
        public enum Kind: Sendable, Equatable {
            case regular, directory, symlink, other
        }

        /// The kind.
        public var kind: Kind
        /// The size in bytes.
        public var size: Int
        /// The device and inode, which identify the file.
        public var identity: FileIdentity
        /// The permission bits.
        public var mode: UInt32
    }

    /// A file's identity: the same for every path and descriptor that reach it.
    public struct FileIdentity: Sendable, Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// A failed call: `errno` and its text.
    public struct Failure: Error, Sendable {
        /// The error number.
        public var code: Int32
        /// `strerror`'s text, e.g. "Permission denied".
        public var reason: String
    }

    /// The status of the file at `path`, following a final symlink when `follow`; nil when absent.
    public static func status(_ path: String, follow: Bool) -> FileStatus? {
        var info = stat()
        let result = follow ? stat(path, &info) : lstat(path, &info)
        return result == 0 ? status(info) : nil
    }

    /// The status of an open file.
    public static func status(_ descriptor: Int32) throws(Failure) -> FileStatus {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw lastFailure() }
        return status(info)
    }

    private static func status(_ info: stat) -> FileStatus {
        let kind: FileStatus.Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        return FileStatus(
            kind: kind, size: Int(info.st_size),
            identity: FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)),
            mode: UInt32(info.st_mode & 0o7777))
    }

    /// Opens `path` for reading without blocking (a FIFO must not hang the caller) and
    /// without passing the descriptor to child processes.
    public static func openForReading(_ path: String) throws(Failure) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw lastFailure() }
        return descriptor
    }

    /// Closes a descriptor.
    public static func close(_ descriptor: Int32) {
        _ = closeDescriptor(descriptor)
    }

    /// Reads up to `count` bytes into `buffer`; 0 at the end. Retries interruptions and waits
    /// while a non-blocking descriptor has nothing yet.
    public static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int) throws(Failure) -> Int {
        while true {
            let n = readBytes(descriptor, buffer, count)
            if n >= 0 { return n }
            switch errno {
            case EINTR: continue
            case EAGAIN:
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&entry, 1, -1)
            default: throw lastFailure()
            }
        }
    }

    /// Writes all of `bytes` to `descriptor`, retrying interruptions and short writes.
    public static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let n = writeBytes(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw lastFailure()
            }
            offset += n
        }
    }

    /// The canonical absolute path with every symlink resolved, or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The names in a directory, without `.` and `..`, in no particular order.
    public static func directoryEntries(_ path: String) throws(Failure) -> [String] {
        guard let directory = opendir(path) else { throw lastFailure() }
        defer { closedir(directory) }
        var names: [String] = []
        // readdir packs entries at their real length: read the name in place, never copy the
        // whole `dirent` (that would read past the end of the kernel's buffer).
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(directory) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Appends `bytes` to the file at `path`, creating it if needed (a CI step summary).
    public static func append(_ bytes: UnsafeRawBufferPointer, to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw lastFailure() }
        defer { close(descriptor) }
        try write(descriptor, bytes)
    }

    /// Creates a new file from `template` (ending in `XXXXXX`); returns its descriptor and path.
    public static func makeTemporaryFile(_ template: String) throws(Failure) -> (descriptor: Int32, path: String) {
        var buffer = Array(template.utf8CString)
        let descriptor = buffer.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw lastFailure() }
        let path = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (descriptor, path)
    }

    /// Sets a file's permission bits and flushes it to disk.
    public static func finish(_ descriptor: Int32, mode: UInt32) throws(Failure) {
        guard fchmod(descriptor, mode_t(mode)) == 0, fsync(descriptor) == 0 else { throw lastFailure() }
    }

    /// Renames `source` to `destination`, replacing it atomically.
    public static func rename(_ source: String, to destination: String) throws(Failure) {
        guard renameFile(source, destination) == 0 else { throw lastFailure() }
    }

    /// Removes a file, ignoring failure (used to clean up).
    public static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Takes an exclusive advisory lock on an open file, waiting for other holders.
    public static func lockExclusively(_ descriptor: Int32) throws(Failure) {
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { throw lastFailure() }
        }
    }

    /// The current working directory.
    public static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// The process's soft limit on open file descriptors (`RLIMIT_NOFILE`), which bounds how
    /// many connections a server can hold; `Int.max` when unlimited, 1024 (the common default)
    /// when it cannot be read.
    public static var openFileLimit: Int {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = Int32(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return 1024 }
        return limit.rlim_cur >= rlim_t(Int.max) ? Int.max : Int(limit.rlim_cur)
    }

    /// Whether `descriptor` is a terminal.
    public static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// Standard input, output and error.
    public static let standardInput: Int32 = 0
    public static let standardOutput: Int32 = 1
    public static let standardError: Int32 = 2

    /// Ends the process with `status`, without running further Swift code.
    public static func exit(_ status: Int32) -> Never {
        exitProcess(status)
    }

    private static func lastFailure() -> Failure {
        let code = errno
        return Failure(code: code, reason: String(cString: strerror(code)))
    }
}

// The C functions under names that do not collide with `Platform`'s own.
private let closeDescriptor: @Sendable (Int32) -> Int32 = { close($0) }
private let readBytes: @Sendable (Int32, UnsafeMutableRawPointer, Int) -> Int = { read($0, $1, $2) }
private let writeBytes: @Sendable (Int32, UnsafeRawPointer, Int) -> Int = { write($0, $1, $2) }
private let renameFile: @Sendable (String, String) -> Int32 = { rename($0, $1) }
private let exitProcess: @Sendable (Int32) -> Never = { exit($0) }
