import Foundation
import SegmentsCore
import SegmentsServer
import SegmentsTestSupport
import Testing

/// Loading `--directory` files: idempotent upserts, and bad files reported by line and column.
@Suite struct DirectoryLoadingTests {
    @Test func theDevDirectoryLoads() async throws {
        let store = try SegmentStore(path: nil)
        try await store.loadDirectory(try Self.devDirectory())
        let counts = try await store.directoryCounts()
        #expect(counts.companies == 10)
        #expect(counts.users == 30)
        #expect(counts.tokens == 5)
        #expect(counts.featureFlags == 3)
    }

    @Test func loadingTwiceChangesNothing() async throws {
        let store = try SegmentStore(path: nil)
        try await store.loadDirectory(try Self.devDirectory())
        let first = try await store.directoryCounts()
        try await store.loadDirectory(try Self.devDirectory())
        #expect(try await store.directoryCounts() == first)
    }

    @Test func restartingWithTheSameDirectoryAndDatabaseChangesNothing() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("segments.sqlite")
        let options = TestServer.options(database: database)
        try await TestServer.run(options) { client in
            _ = try await client.createSegment(#"{"name": "beta-testers"}"#)
        }
        let before = try await SegmentStore(path: database).directoryCounts()
        try await TestServer.run(options) { client in
            let users = try await client.call(.get, "\(TestServer.base)/search-users?q=ana@example.com")
            #expect(users.objects.count == 1)
        }
        let after = try await SegmentStore(path: database).directoryCounts()
        #expect(after == before)
        #expect(after.flagAssociations == 2)
    }

    @Test func reloadingUpdatesEntriesAndRemovesOnesNoLongerListed() async throws {
        let store = try SegmentStore(path: nil)
        try await store.loadDirectory(SourceFile(path: "v1.yaml", text: """
            companies:
              - {id: company-1, name: One, plan: starter}
              - {id: company-2, name: Two, plan: starter}
            users:
              - {id: user-1, email: a@example.com, name: A, companyId: company-2, role: super-admin}
              - {id: user-2, email: b@example.com, name: B, role: super-admin}
            tokens:
              - {token: token-a, userId: user-1}
              - {token: token-b, userId: user-2}
            featureFlags:
              - {key: flag-1, segments: [s1]}
              - {key: flag-2, segments: []}
            """))
        try await store.loadDirectory(SourceFile(path: "v2.yaml", text: """
            companies:
              - {id: company-1, name: One Renamed, plan: enterprise}
            users:
              - {id: user-1, email: a@example.com, name: A, role: member}
            tokens:
              - {token: token-a, userId: user-1}
            featureFlags:
              - {key: flag-1, segments: [s2]}
            """))
        #expect(try await store.directoryCounts() == SegmentStore.DirectoryCounts(
            companies: 1, users: 1, tokens: 1, featureFlags: 1, flagAssociations: 0))
    }

    @Test func aRemovedTokenStopsWorkingAfterARestart() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("segments.sqlite")
        let withToken = try directory.write("with.yaml", """
            users: [{id: user-1, email: a@example.com, name: A, role: super-admin}]
            tokens: [{token: short-lived, userId: user-1}]
            """)
        let withoutToken = try directory.write("without.yaml", """
            users: [{id: user-1, email: a@example.com, name: A, role: super-admin}]
            """)
        let before = try await TestServer.run(TestServer.options(database: database, directory: withToken)) { client in
            try await client.call(.get, TestServer.base, token: "short-lived").status
        }
        let after = try await TestServer.run(TestServer.options(database: database, directory: withoutToken)) { client in
            try await client.call(.get, TestServer.base, token: "short-lived").status
        }
        #expect(before == .ok)
        #expect(after == .unauthorized)
    }

    @Test func tokensAreStoredHashed() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("segments.sqlite")
        let store = try SegmentStore(path: database)
        try await store.loadDirectory(try Self.devDirectory())
        let bytes = try Data(contentsOf: URL(fileURLWithPath: database))
            + ((try? Data(contentsOf: URL(fileURLWithPath: database + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data("dev-admin-token".utf8)) == nil)
        #expect(bytes.range(of: Data("dev-member-token".utf8)) == nil)
    }

    /// A bad directory file and the exact report it must produce.
    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var report: [String]

        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "yaml syntax", text: "users:\n  - {id: user-1, name: [unclosed\n", report: [
            "dir.yaml:3:1: error: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 24)",
        ]),
        BadFile(name: "empty", text: "", report: [
            "dir.yaml:1:1: error: the directory file is empty; expected a mapping with 'companies', 'users', 'tokens', 'featureFlags'",
        ]),
        BadFile(name: "not a mapping", text: "- user-1\n", report: [
            "dir.yaml:1:1: error: the directory must be a mapping, not a list",
        ]),
        BadFile(name: "every problem at once", text: """
            companies:
              - {id: company-1, name: One, plan: starter, size: 5}
              - {id: company-1, name: Again}
            users:
              - {id: user-1, email: a@example.com, name: A, companyId: company-9}
              - {id: 42, email: b@example.com, name: B}
              - {id: user-3, email: c@example.com, role: owner}
              - {id: user-4, email: d@example.com, name: ""}
            tokens:
              - {token: secret-token-value, userId: user-1}
              - {token: secret-token-value, userId: user-404}
            featureFlags:
              - {key: flag-1, segments: beta-testers}
            groups: []
            """, report: [
                "dir.yaml:2:47: error: unknown key 'size' in a company; expected 'id', 'name', 'plan'",
                "dir.yaml:3:10: error: company ID 'company-1' is listed twice (first at line 2)",
                "dir.yaml:2:10: note: first listed here",
                "dir.yaml:5:60: error: company 'company-9' is not in 'companies'",
                "dir.yaml:6:10: error: 'id' must be a string, not an integer; quote it to make it a string",
                "dir.yaml:7:5: error: a user needs 'name'",
                "dir.yaml:7:46: error: unknown role 'owner'; expected 'super-admin' or 'member'",
                "dir.yaml:8:46: error: 'name' must not be empty",
                "dir.yaml:11:13: error: this token is listed twice (first at line 10)",
                "dir.yaml:10:13: note: first listed here",
                "dir.yaml:11:41: error: user 'user-404' is not in 'users'",
                "dir.yaml:13:29: error: 'segments' must be a list, not a string",
                "dir.yaml:14:1: error: unknown key 'groups' in the directory; expected 'companies', 'users', 'tokens', 'featureFlags'",
            ]),
    ]

    @Test(arguments: badFiles)
    func badFilesAreReportedWithLineAndColumn(_ bad: BadFile) async throws {
        let store = try SegmentStore(path: nil)
        let error = try await #require(throws: DirectoryFileError.self) {
            try await store.loadDirectory(SourceFile(path: "dir.yaml", text: bad.text))
        }
        #expect(error.description.split(separator: "\n").map(String.init) == bad.report)
        #expect(!error.description.contains("secret-token-value"))
        #expect(try await store.directoryCounts() == SegmentStore.DirectoryCounts(
            companies: 0, users: 0, tokens: 0, featureFlags: 0, flagAssociations: 0))
    }

    @Test func buildingTheAppWithABadDirectoryFails() async throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("bad.yaml", "users:\n  - {id: user-1}\n")
        let error = try await #require(throws: DirectoryFileError.self) {
            _ = try await buildApplication(TestServer.options(directory: file))
        }
        #expect(error.description.hasPrefix("\(file):2:5: error: a user needs 'email'"))
    }

    @Test func aMissingDirectoryFileIsReported() async throws {
        let error = try await #require(throws: DirectoryFileError.self) {
            _ = try await buildApplication(TestServer.options(directory: "/nonexistent/directory.yaml"))
        }
        #expect(error.description == "error: cannot read the directory file '/nonexistent/directory.yaml': No such file or directory\n")
    }

    static func devDirectory() throws -> SourceFile {
        SourceFile(path: TestServer.devDirectory, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: TestServer.devDirectory))))
    }
}
