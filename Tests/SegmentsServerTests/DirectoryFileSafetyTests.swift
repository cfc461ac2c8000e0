import Foundation
import SegmentsServer
import SegmentsTestSupport
import Testing

/// `--directory` given something other than a small regular file of the expected shape: the
/// server refuses it at once, and what it prints never replays more than a short excerpt of
/// the file's content.
@Suite struct DirectoryFileSafetyTests {
    static let notRegular = "not a regular file (a device, pipe or socket); refusing to read it"

    @Test(.timeLimit(.minutes(1)))
    func aDeviceIsRefusedAtOnce() async throws {
        let outcome = try await ServerProcess.run(["--port", "0", "--directory", "/dev/zero"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "error: cannot read the directory file '/dev/zero': \(Self.notRegular)\n")
    }

    /// A FIFO that no one writes to would block a plain open(2) forever.
    @Test(.timeLimit(.minutes(1)))
    func aFIFOIsRefusedWithoutHanging() async throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.path("directory.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let outcome = try await ServerProcess.run(["--port", "0", "--directory", fifo], deadline: .seconds(10))
        #expect(outcome.status == 1, "still running after 10 s")
        #expect(outcome.stderr == "error: cannot read the directory file '\(fifo)': \(Self.notRegular)\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func aFileOverTheSizeLimitIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let users = (0..<40).map { "  - {id: user-\($0), email: user\($0)@example.com, name: User \($0)}" }
        let file = try directory.write("directory.yaml", "users:\n" + users.joined(separator: "\n") + "\n")
        let outcome = try await ServerProcess.run(["--port", "0", "--directory", file, "--max-directory-size", "1KiB"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "error: cannot read the directory file '\(file)': larger than the 1 KiB limit; refusing to read it\n")

        let allowed = try await ServerProcess.withServer(["--directory", file, "--max-directory-size", "4KiB"]) { port in port }
        #expect(allowed > 0)
    }

    @Test func theSizeLimitAndItsDefaultAreInTheHelp() async throws {
        let outcome = try await ServerProcess.run(["--help"])
        #expect(outcome.status == 0)
        let help = outcome.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("--max-directory-size <size>"))
        #expect(help.contains("(default: 64MiB)"))
    }

    /// Lines as found in credential files: the server quotes at most 40 characters of any of
    /// them, whatever part of the directory they end up in.
    static let secretLines = [
        "sk_live_51H8a7bC2dE3fG4hI5jK6lM7nO8pQ9rS0tU1vW2xY3zA4bC5dE6fG7hI8jK9lM0nO1",
        "AWS_SECRET_ACCESS_KEY_wJalrXUtnFEMI_K7MDENG_bPxRfiCYEXAMPLEKEY_0123456789",
        "postgres://admin:s3cr3t-passw0rd-0f9e8d7c6b5a@db.internal.example:5432/prod",
        "root:$6$Qm8Kx2Lp$zYw1vU3tS5rQ7pO9nM2lK4jH6gF8dD0sA1qW3eR5tY7uI9oP:19745:0:99999:7:::",
    ]

    @Test(.timeLimit(.minutes(1)))
    func contentIsNeverEchoedBeyondAShortExcerpt() async throws {
        let directory = try TemporaryDirectory()
        let s = Self.secretLines
        let file = try directory.write("d.yaml", """
            companies:
              - {id: "\(s[0])", name: One}
              - {id: "\(s[0])", name: Again}
            users:
              - {id: user-1, email: a@example.com, name: A, companyId: "\(s[1])", role: "\(s[2])"}
            tokens:
              - {token: "\(s[3])", userId: "\(s[2])"}
            "\(s[1])": []
            "\(s[3])": x
            """)
        let outcome = try await ServerProcess.run(["--port", "0", "--directory", file])
        #expect(outcome.status == 1)
        let report = outcome.stderr
        #expect(report.contains("unknown key 'AWS_SECRET_ACCESS_KEY_wJalrXUtnFEMI_K7MD…' in the directory"), "\(report)")
        #expect(report.contains("unknown role 'postgres://admin:s3cr3t-passw0rd-0f9e8d7…'"), "\(report)")
        #expect(report.contains("company ID 'sk_live_51H8a7bC2dE3fG4hI5jK6lM7nO8pQ9rS…' is listed twice"), "\(report)")
        #expect(report.split(separator: "\n").count == 7, "\(report)")
        for line in s {
            for excerpt in Self.windows(of: line, length: 41) {
                #expect(!report.contains(excerpt), "'\(excerpt)' is echoed: \(report)")
            }
        }
    }

    /// Files that are not a directory at all, such as /etc/shadow, are described, never quoted.
    @Test(.timeLimit(.minutes(1)), arguments: [
        (3, ":1:1: error: the directory must be a mapping, not a string"),
        (4, ":4:84: error: mapping values are not allowed in this context"),
    ])
    func aFileOfSecretLinesIsDescribedNotQuoted(_ lines: Int, _ report: String) async throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("shadow", Self.secretLines.prefix(lines).joined(separator: "\n") + "\n")
        let outcome = try await ServerProcess.run(["--port", "0", "--directory", file])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == file + report + "\n")
    }

    /// Every run of `length` consecutive characters of `text`.
    static func windows(of text: String, length: Int) -> [String] {
        let characters = Array(text)
        guard characters.count >= length else { return [] }
        return (0...(characters.count - length)).map { String(characters[$0..<($0 + length)]) }
    }
}
