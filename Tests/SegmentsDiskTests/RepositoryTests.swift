import Foundation
import Testing
import SegmentsCore
import SegmentsTestSupport
@testable import SegmentsDisk

struct RepositoryTests {
    @Test func findsYAMLFilesInSubfoldersAndIgnoresTheRest() throws {
        let repo = try TemporaryDirectory.repository()
        try repo.write("segments/a.yaml", "name: a\n")
        try repo.write("segments/team/b.yml", "name: b\n")
        try repo.write("segments/.hidden.yaml", "name: [broken\n")
        try repo.write("segments/.git/c.yaml", "name: [broken\n")
        try repo.write("segments/notes.txt", "not yaml")
        try repo.write("segments/README.md", "# readme")
        let report = try repo.validate()
        #expect(report.diagnostics.isEmpty)
        #expect(report.segments.map(\.file) == ["segments/a.yaml", "segments/team/b.yml"])
    }

    @Test func symlinkOutsideTheRepositoryIsRefused() throws {
        let repo = try TemporaryDirectory.repository()
        let outside = try TemporaryDirectory.repository()
        let target = try outside.write("secret.yaml", "name: secret\n")
        try FileManager.default.createSymbolicLink(atPath: repo.path("segments/escape.yaml"), withDestinationPath: target)
        try repo.write("segments/ok.yaml", "name: ok\n")
        let report = try repo.validate()
        #expect(report.diagnostics.map(describe) == ["error 1:1 file symlink leads outside the repository (to \(target)); refusing to read it"])
        #expect(report.diagnostics.first?.location?.file == "segments/escape.yaml")
        #expect(report.segments.map(\.name) == ["ok"])
    }

    @Test func symlinkedDirectoryOutsideIsNotFollowed() throws {
        let repo = try TemporaryDirectory.repository()
        let outside = try TemporaryDirectory.repository()
        try outside.write("segments/x.yaml", "name: x\n")
        try FileManager.default.createSymbolicLink(atPath: repo.path("segments/linked"), withDestinationPath: outside.path("segments"))
        let report = try repo.validate()
        #expect(report.diagnostics.first?.message.hasPrefix("symlink to a directory outside the repository") == true)
        #expect(report.segments.isEmpty)
    }

    @Test func symlinkInsideTheRepositoryIsFollowed() throws {
        let repo = try TemporaryDirectory.repository()
        try repo.write("shared/common.yaml", "name: common\n")
        try FileManager.default.createSymbolicLink(atPath: repo.path("segments/common.yaml"), withDestinationPath: repo.path("shared/common.yaml"))
        let report = try repo.validate()
        #expect(report.diagnostics.isEmpty)
        #expect(report.segments.map(\.name) == ["common"])
    }

    @Test func symlinkLoopTerminates() throws {
        let repo = try TemporaryDirectory.repository()
        try FileManager.default.createSymbolicLink(atPath: repo.path("segments/loop"), withDestinationPath: repo.path("segments"))
        try repo.write("segments/a.yaml", "name: a\n")
        let report = try repo.validate()
        #expect(report.segments.map(\.name) == ["a"])
    }

    @Test func fileOverTheSizeLimitIsRefusedUnread() throws {
        let repo = try TemporaryDirectory.repository()
        try repo.write("segments/big.yaml", "name: big\ndescription: " + String(repeating: "x", count: 2 << 20) + "\n")
        var repository = try repo.open()
        repository.maxFileSize = 1 << 20
        let contents = repository.contents()
        #expect(contents.files.isEmpty)
        #expect(contents.listingProblems.map(describe) == ["error 1:1 file file is 2.0 MiB, over the 1 MiB limit; refusing to read it"])
    }

    @Test func unreadableFileIsReported() throws {
        let repo = try TemporaryDirectory.repository()
        try repo.write("segments/gone.yaml", "name: gone\n")
        let repository = try repo.open()
        let files = repository.contents().files
        // The file disappears between listing and reading (as when permissions or a checkout change).
        try FileManager.default.removeItem(atPath: repo.path("segments/gone.yaml"))
        let report = Validator(config: repository.config).validate(files)
        #expect(report.diagnostics.map(describe) == ["error 1:1 unreadable cannot read file: No such file or directory"])
    }

    @Test func largeDirectoriesAreListedCompletely() throws {
        // readdir fills a buffer of packed entries; names must be read in place (a copy of a
        // whole dirent once read past the end of that buffer and crashed).
        let repo = try TemporaryDirectory.repository()
        let long = String(repeating: "x", count: 120)
        for index in 0..<3_000 {
            try repo.write("segments/\(long)-\(index).txt", "")
        }
        for _ in 0..<5 {
            #expect(try FileSystem.entries(of: repo.path("segments")).count == 3_000)
        }
    }

    @Test func directoryReadIsAnError() {
        #expect(throws: FileSystem.Failure.self) { try FileSystem.read("/", limit: 1 << 20) }
    }

    @Test func specialFilesAreRefusedBeforeReading() throws {
        let repo = try TemporaryDirectory.repository()
        #expect(mkfifo(repo.path("fifo"), 0o644) == 0)
        for path in ["/dev/zero", repo.path("fifo")] {
            do {
                _ = try FileSystem.read(path, limit: 1 << 20)
                Issue.record("\(path) was read")
            } catch {
                #expect(error.reason == "not a regular file (a device, pipe or socket); refusing to read it")
            }
        }
    }

    @Test func filesOverTheLimitAreRefused() throws {
        let repo = try TemporaryDirectory.repository()
        try repo.write("big", String(repeating: "x", count: 2_000))
        #expect(try FileSystem.read(repo.path("big"), limit: 2_000).count == 2_000)
        do {
            _ = try FileSystem.read(repo.path("big"), limit: 1_536)
            Issue.record("a file over the limit was read")
        } catch {
            #expect(error.reason == "larger than the 1.5 KiB limit; refusing to read it")
        }
    }

    @Test func namedPipeIsNotRead() throws {
        let repo = try TemporaryDirectory.repository()
        #expect(mkfifo(repo.path("segments/pipe.yaml"), 0o644) == 0)
        let report = try repo.validate()
        #expect(report.diagnostics.map(describe) == ["error 1:1 file not a regular file (a device, pipe or socket); refusing to read it"])
    }

    @Test func missingSegmentsDirectoryIsAConfigurationError() throws {
        let repo = try TemporaryDirectory.repository()
        try repo.write("segctl.yaml", "directory: nowhere\n")
        #expect(throws: SegctlError.self) { try repo.open() }
        do throws(SegctlError) {
            _ = try Repository.open(workingDirectory: repo.path)
        } catch {
            guard case .configuration(let diagnostics) = error else { Issue.record("\(error)"); return }
            #expect(diagnostics.map(\.message) == ["segments directory nowhere does not exist (set 'directory' in segctl.yaml, or create it)"])
            #expect(Termination.status(for: error) == .usage)
        }
    }

    @Test func displayPathsAreRelativeToTheWorkingDirectory() {
        #expect(Repository.relative("/a/b/c.yaml", to: "/a") == "b/c.yaml")
        #expect(Repository.relative("/x/c.yaml", to: "/a/b") == "../../x/c.yaml")
        #expect(Repository.normalize("/a/./b/../c//d") == "/a/c/d")
    }
}

/// A diagnostic as `severity line:column rule message`.
func describe(_ diagnostic: Diagnostic) -> String {
    let place = diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-"
    return "\(diagnostic.severity.rawValue) \(place) \(diagnostic.rule) \(diagnostic.message)"
}
