import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for the tests that run segctl, segments-server
/// and xmllint. Foundation's `Process.run()` on Linux reads past the end of a buffer while it
/// scans `/proc/self/fd` and crashes now and then (swift-corelibs-foundation PR 5472, "buffer
/// over-read in findMaximumOpenFromProcSelfFD"); CI met it twice in this suite, which spawns
/// hundreds of processes. Like `Process`, the child gets exactly the environment it is given
/// and no descriptor of the test process but its three standard streams.
public final class SpawnedProcess: @unchecked Sendable {
    /// The child's process ID.
    public let pid: pid_t
    private let lock = NSLock()
    private var status: Int32?

    /// A failure to start the child.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts `executable` (a path, or a name looked up on the test process's PATH) with
    /// `arguments` and `environment`, in `directory`, its standard streams read from and
    /// written to files (one file for both when `stdout` and `stderr` name the same).
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String? = nil,
        stdin: String = "/dev/null", stdout: String, stderr: String
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if stderr == stdout {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        guard Self.closeFrom(&actions, 3) == 0 else { throw Failure(description: "posix_spawn_file_actions_addclosefrom_np failed") }
        if let directory, Self.changeDirectory(&actions, directory) != 0 {
            throw Failure(description: "posix_spawn_file_actions_addchdir_np(\(directory)) failed")
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = executable.contains("/")
            ? posix_spawn(&pid, executable, &actions, nil, argv, envp)
            : posix_spawnp(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw Failure(description: "could not start \(executable): \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    deinit { kill() }

    /// The exit status once the child has ended (for a signal, its number, as `Process` says),
    /// reaping it; nil while it runs.
    public var exitStatus: Int32? {
        lock.withLock {
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = Self.decoded(raw) }
            }
            return status
        }
    }

    /// Waits for the child to end, polling every millisecond so that no thread blocks; nil if
    /// it still runs after `limit`. The end is seen within a millisecond: a pause that grew to
    /// 20 ms put every timed run on a 20 ms grid (a 60 ms plan read as 51 or 71 ms), which
    /// made the benchmarks' ratios jump between runs.
    @discardableResult
    public func waitForExit(within limit: Duration = .seconds(3600)) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while true {
            if let status = exitStatus { return status }
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Blocks until the child ends: for short-lived tools on synchronous paths.
    public func waitUntilExit() -> Int32 {
        lock.withLock {
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, 0) == pid { status = Self.decoded(raw) }
            }
            return status ?? -1
        }
    }

    /// Kills the child if it still runs, and reaps it.
    public func kill() {
        guard exitStatus == nil else { return }
        _ = Glibc.kill(pid, SIGKILL)
        lock.withLock {
            var raw: Int32 = 0
            if waitpid(pid, &raw, 0) == pid { status = Self.decoded(raw) }
        }
    }

    /// A `waitpid` status as `Process.terminationStatus` gives it: the exit code, or the
    /// number of the signal that ended the child.
    private static func decoded(_ raw: Int32) -> Int32 {
        raw & 0x7F == 0 ? (raw >> 8) & 0xFF : raw & 0x7F
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `..._addchdir_np` (2.29),
    /// which Swift's Glibc module does not declare.
    private static let closeFrom = unsafeBitCast(dlsym(nil, "posix_spawn_file_actions_addclosefrom_np"), to: CloseFrom.self)
    private static let changeDirectory = unsafeBitCast(dlsym(nil, "posix_spawn_file_actions_addchdir_np"), to: ChangeDirectory.self)
}
