import Foundation
import SegmentsCore
import SegmentsDisk

/// A repository in a fresh temporary directory, removed when the value is released.
final class TemporaryRepository {
    let root: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("segctl-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base.appendingPathComponent("segments"), withIntermediateDirectories: true)
        root = FileSystem.realPath(base.path) ?? base.path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Writes `text` at `path` relative to the root, creating folders.
    @discardableResult
    func write(_ path: String, _ text: String) throws -> String {
        try write(path, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ path: String, bytes: [UInt8]) throws -> String {
        let url = URL(fileURLWithPath: root).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func open() throws -> Repository {
        try Repository.open(workingDirectory: root)
    }

    /// Lists and validates the repository's segment files.
    func validate() throws -> Validator.Report {
        try open().contents().validate()
    }
}
