import SegmentsCore

extension Repository {
    /// Applies `edit` to its file under the file's lock: reads it, edits, and writes the result
    /// unless `dryRun`; returns what changed, or nil when the file did not need reading.
    public func perform(_ edit: MemberEdit, dryRun: Bool) throws -> MemberEdit.Outcome? {
        var outcome: MemberEdit.Outcome?
        do {
            try LockedEdit.perform(absolutePath(edit.file), limit: maxFileSize) { bytes in
                outcome = try edit.apply(to: bytes)
                return dryRun ? nil : outcome?.bytes
            }
        } catch let error as FileSystem.Failure {
            throw SegctlError.failed("cannot edit \(edit.file): \(error.reason); the file was not changed")
        }
        return outcome
    }

    /// The IDs `members set` reads, one per line, from the file at `path` or standard input.
    public static func memberInput(from path: String?) throws(SegctlError) -> [(id: String, place: String)] {
        let source = path ?? "standard input"
        do {
            let bytes = try path.map { try FileSystem.read($0, limit: MemberInput.maxBytes) } ?? FileSystem.readStandardInput(limit: MemberInput.maxBytes)
            return MemberInput.parse(bytes, source: source)
        } catch let error as FileSystem.Failure {
            throw .failed("cannot read \(source): \(error.reason)")
        } catch {
            throw .failed("cannot read \(source): \(error)")
        }
    }
}
