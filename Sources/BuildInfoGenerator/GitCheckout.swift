import Foundation

/// The parts of a git checkout that name the commit of HEAD, read without running git (which a
/// build machine may lack).
///
/// HEAD names a commit or a branch; a branch is a loose ref file or a line of `packed-refs`. A
/// `.git` file (a worktree or a submodule) points to the real git directory, and a worktree
/// keeps its branches in the common directory its `commondir` file names.
///
/// BuildInfoPlugin compiles this same file (`Plugins/BuildInfoPlugin/GitCheckout.swift` is a
/// link to it): the plugin declares `watchedFiles` as the generator's inputs, and the generator
/// reads `headCommit()` when one of them changes.
struct GitCheckout {
    /// The directory holding HEAD (`.git`, or `.git/worktrees/NAME` for a worktree).
    var gitDirectory: URL
    /// The directory holding the shared refs and `packed-refs`.
    var commonDirectory: URL
    /// The `.git` file of a worktree or submodule; nil when `.git` is the git directory itself.
    var gitFile: URL?

    /// Finds the checkout whose `.git` is directly in `packageDirectory`; nil without one
    /// (a source tarball, or a package inside a larger repository).
    init?(packageDirectory: URL) {
        let dotGit = packageDirectory.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            gitDirectory = dotGit
        } else {
            guard let text = Self.read(dotGit), text.hasPrefix("gitdir:") else { return nil }
            gitFile = dotGit
            gitDirectory = Self.resolve(text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces), against: packageDirectory)
        }
        if let common = Self.read(gitDirectory.appendingPathComponent("commondir")) {
            commonDirectory = Self.resolve(common, against: gitDirectory)
        } else {
            commonDirectory = gitDirectory
        }
    }

    /// The abbreviated commit of HEAD, or nil if it cannot be read (e.g. a branch with no commit yet).
    func headCommit() -> String? {
        let chain = referenceChain()
        guard let last = chain.last, !last.hasPrefix("ref:"), Self.isObjectName(last) else { return nil }
        return String(last.prefix(7))
    }

    /// The existing files whose change can move HEAD's commit: HEAD and its reflog (which git
    /// appends to on every commit, checkout and reset), `packed-refs`, and the loose files of
    /// the refs HEAD leads through. (SwiftPM refuses inputs that do not exist; the reflog
    /// covers a ref that is packed now and written loose by the next commit.)
    var watchedFiles: [URL] {
        var files = [
            gitDirectory.appendingPathComponent("HEAD"),
            gitDirectory.appendingPathComponent("logs/HEAD"),
            commonDirectory.appendingPathComponent("packed-refs"),
        ]
        for value in referenceChain() where value.hasPrefix("ref:") {
            let name = Self.referenceName(value)
            files.append(gitDirectory.appendingPathComponent(name))
            if commonDirectory != gitDirectory { files.append(commonDirectory.appendingPathComponent(name)) }
        }
        if let gitFile { files.append(gitFile) }
        return files.filter { Self.read($0) != nil }
    }

    /// The values met from HEAD on: `ref: refs/heads/main`, ..., and the object name last.
    /// Symbolic refs may lead through a few others; five steps are plenty.
    private func referenceChain() -> [String] {
        var chain: [String] = []
        var reference = "HEAD"
        for _ in 0..<5 {
            guard let value = value(of: reference) else { break }
            chain.append(value)
            guard value.hasPrefix("ref:") else { break }
            reference = Self.referenceName(value)
        }
        return chain
    }

    /// A ref's loose file (per-worktree first, then shared), else its line in `packed-refs`.
    private func value(of reference: String) -> String? {
        guard !reference.split(separator: "/").contains("..") else { return nil }
        for directory in [gitDirectory, commonDirectory] {
            if let text = Self.read(directory.appendingPathComponent(reference)) { return text }
        }
        guard let packed = Self.read(commonDirectory.appendingPathComponent("packed-refs")) else { return nil }
        for line in packed.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let fields = line.split(separator: " ", maxSplits: 1)
            if fields.count == 2 && fields[1] == reference { return String(fields[0]) }
        }
        return nil
    }

    /// `refs/heads/main` from `ref: refs/heads/main`.
    private static func referenceName(_ value: String) -> String {
        value.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
    }

    /// 40 (SHA-1) or 64 (SHA-256) lowercase hexadecimal digits.
    private static func isObjectName(_ s: String) -> Bool {
        (s.count == 40 || s.count == 64) && s.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// A file's text without surrounding whitespace, or nil if it is not a readable file.
    private static func read(_ url: URL) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8)
        else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `path` if absolute, else relative to `base`.
    private static func resolve(_ path: String, against base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path).standardizedFileURL
    }
}
