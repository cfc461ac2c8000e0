/// One read-modify-write of a file under an exclusive lock, so that concurrent segctl runs
/// (ten `members add` at once) never lose each other's edits.
///
/// The lock is `flock` on the file itself. The new content is written to a temporary file and
/// renamed over the old one, which gives the path a new inode; a run that was waiting on the
/// old inode notices that the path now names another file and locks that one instead. Just
/// before the rename, the file is read again: if something that does not take the lock (an
/// editor) changed it meanwhile, nothing is written.
public enum LockedEdit {
    /// Reads `path` (at most `limit` bytes) under the lock, passes the bytes to `body`, and
    /// writes what `body` returns (nothing when it returns nil or the same bytes).
    public static func perform(_ path: String, limit: Int, _ body: ([UInt8]) throws -> [UInt8]?) throws {
        while true {
            let descriptor: Int32
            do {
                descriptor = try Platform.openForReading(path)
            } catch {
                throw FileSystem.Failure(error)
            }
            defer { Platform.close(descriptor) }
            let locked: Platform.FileStatus
            do {
                try Platform.lockExclusively(descriptor)
                locked = try Platform.status(descriptor)
            } catch {
                throw FileSystem.Failure(error)
            }
            // Another run may have replaced the file while this one waited for the lock.
            guard Platform.status(path, follow: true)?.identity == locked.identity else { continue }
            let original = try FileSystem.read(descriptor, limit: limit)
            guard let edited = try body(original), edited != original else { return }
            try FileSystem.writeAtomically(edited, to: path) { () throws(FileSystem.Failure) in
                let current = try FileSystem.read(path, limit: limit)
                guard current == original else {
                    throw FileSystem.Failure(reason: "it changed on disk while segctl was editing it (another program wrote it); nothing was written, run the command again")
                }
            }
            return
        }
    }
}
