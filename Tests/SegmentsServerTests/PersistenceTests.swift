import Foundation
import SegmentsServer
import SegmentsTestSupport
import Testing

/// What lands in the database: restarts, and feature flag associations with their cascade.
@Suite struct PersistenceTests {
    let base = TestServer.base

    @Test func aRestartOnTheSameFileKeepsTheData() async throws {
        let directory = try TemporaryDirectory()
        let options = TestServer.options(database: directory.path("segments.sqlite"))
        let (id, served) = try await TestServer.run(options) { client in
            let id = try await client.createSegment(
                #"{"name": "durable", "description": "survives", "userIds": ["user-2", "user-1"], "isActive": false}"#)
            return (id, try await client.call(.get, "\(base)/\(id)").text)
        }
        try await TestServer.run(options) { client in
            #expect(try await client.call(.get, "\(base)/\(id)").text == served)
            #expect(try await client.call(.post, base, json: #"{"name": "durable"}"#).status == .conflict)
            let updated = try await client.call(.put, "\(base)/\(id)", json: #"{"description": "changed"}"#)
            #expect(updated.status == .ok)
        }
        let stored = try #require(try await SegmentStore(path: options.databasePath).segment(id: id))
        #expect(stored.name == "durable")
        #expect(stored.description == "changed")
        #expect(stored.isActive == false)
        #expect(stored.userIds == ["user-2", "user-1"])
        #expect(stored.companyIds == [])
    }

    @Test func theStoreSeesWhatTheAPIServes() async throws {
        let directory = try TemporaryDirectory()
        let options = TestServer.options(database: directory.path("segments.sqlite"))
        try await TestServer.run(options) { client in
            let id = try await client.createSegment(#"{"name": "visible", "companyIds": ["company-123"]}"#)
            let served = try await client.call(.get, "\(base)/\(id)")
            let stored = try #require(try await SegmentStore(path: options.databasePath).segment(id: id))
            #expect(stored.companyIds == ["company-123"])
            #expect(stored.createdAt == served.string("createdAt"))
            #expect(stored.updatedAt == served.string("updatedAt"))
        }
    }

    @Test func flagsAttachToSegmentsCreatedWithTheirNames() async throws {
        let directory = try TemporaryDirectory()
        let options = TestServer.options(database: directory.path("segments.sqlite"))
        try await TestServer.run(options) { client in
            let beta = try await client.createSegment(#"{"name": "beta-testers"}"#)
            let other = try await client.createSegment(#"{"name": "unrelated"}"#)
            let renamed = try await client.createSegment(#"{"name": "soon-internal"}"#)
            _ = try await client.call(.put, "\(base)/\(renamed)", json: #"{"name": "internal-team"}"#)
            let associations = try await SegmentStore(path: options.databasePath).flagAssociations()
            #expect(Set(associations) == [
                .init(flagKey: "new-dashboard", segmentID: beta),
                .init(flagKey: "bulk-export", segmentID: beta),
                .init(flagKey: "bulk-export", segmentID: renamed),
                .init(flagKey: "ai-assistant", segmentID: renamed),
            ])
            #expect(!associations.contains { $0.segmentID == other })
        }
    }

    @Test func loadingTheDirectoryAttachesExistingSegments() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("segments.sqlite")
        let id = try await TestServer.run(TestServer.options(database: database, directory: nil)) { client in
            try await client.createSegment(#"{"name": "internal-team"}"#)
        }
        #expect(try await SegmentStore(path: database).flagAssociations().isEmpty)
        try await TestServer.run(TestServer.options(database: database)) { _ in }
        #expect(Set(try await SegmentStore(path: database).flagAssociations()) == [
            .init(flagKey: "bulk-export", segmentID: id),
            .init(flagKey: "ai-assistant", segmentID: id),
        ])
    }

    @Test func deletingASegmentDeletesItsFlagAssociations() async throws {
        let directory = try TemporaryDirectory()
        let options = TestServer.options(database: directory.path("segments.sqlite"))
        try await TestServer.run(options) { client in
            let beta = try await client.createSegment(#"{"name": "beta-testers"}"#)
            let internalTeam = try await client.createSegment(#"{"name": "internal-team"}"#)
            let store = try SegmentStore(path: options.databasePath)
            #expect(try await store.flagAssociations().count == 4)

            #expect(try await client.call(.delete, "\(base)/\(beta)").status == .ok)
            let remaining = try await store.flagAssociations()
            #expect(Set(remaining) == [
                .init(flagKey: "bulk-export", segmentID: internalTeam),
                .init(flagKey: "ai-assistant", segmentID: internalTeam),
            ])
            #expect(try await store.directoryCounts().featureFlags == 3)
            #expect(try await store.segment(id: beta) == nil)
        }
    }
}
