import Foundation

/// A fresh directory under the system's temporary directory, removed when the value is
/// released: the one place tests write files.
public final class TemporaryDirectory {
    /// The directory's absolute path, with symlinks resolved.
    public let path: String

    /// Creates the directory and the `subdirectories` inside it.
    public init(creating subdirectories: [String] = []) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("segctl-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.resolvingSymlinksInPath().path
        for subdirectory in subdirectories {
            try FileManager.default.createDirectory(atPath: self.path(subdirectory), withIntermediateDirectories: true)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `relative` inside the directory.
    public func path(_ relative: String) -> String {
        path + "/" + relative
    }

    /// Writes `text` at `relative`, creating folders; returns the absolute path.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    /// Writes `bytes` at `relative`, creating folders; returns the absolute path.
    @discardableResult
    public func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The text at `relative`.
    public func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// Removes `relative`.
    public func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: path(relative))
    }
}
