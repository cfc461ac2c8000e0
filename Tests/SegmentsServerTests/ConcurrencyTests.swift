import Foundation
import Hummingbird
import SegmentsServer
import SegmentsTestSupport
import Testing

/// Many simultaneous writers on one database file: no lost updates, one winner per name.
@Suite struct ConcurrencyTests {
    let base = TestServer.base

    @Test func concurrentCreatesOfOneNameGiveOneSegment() async throws {
        let directory = try TemporaryDirectory()
        let options = TestServer.options(database: directory.path("segments.sqlite"))
        try await TestServer.run(options) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        try await client.call(.post, base, json: #"{"name": "contested", "description": "writer \#(index)"}"#).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 23)
            let stored = try await SegmentStore(path: options.databasePath).segments()
            #expect(stored.map(\.name) == ["contested"])
        }
    }

    @Test func concurrentUpdatesOfDifferentSegmentsAreAllKept() async throws {
        let directory = try TemporaryDirectory()
        let options = TestServer.options(database: directory.path("segments.sqlite"))
        try await TestServer.run(options) { client in
            var ids: [String] = []
            for index in 0..<16 {
                ids.append(try await client.createSegment(#"{"name": "segment-\#(index)"}"#))
            }
            let targets = ids
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, id) in targets.enumerated() {
                    for round in 0..<4 {
                        group.addTask {
                            let body = #"{"userIds": ["user-\#(index)-\#(round)"], "description": "round \#(round)"}"#
                            let response = try await client.call(.put, "\(base)/\(id)", json: body)
                            #expect(response.status == .ok)
                        }
                    }
                    group.addTask {
                        let response = try await client.call(.put, "\(base)/\(id)", json: #"{"companyIds": ["company-\#(index)"]}"#)
                        #expect(response.status == .ok)
                    }
                }
                try await group.waitForAll()
            }
            let stored = try await SegmentStore(path: options.databasePath).segments()
            #expect(stored.count == 16)
            for segment in stored {
                let index = try #require(Int(segment.name.dropFirst("segment-".count)))
                #expect(segment.companyIds == ["company-\(index)"])
                let round = try #require(segment.description.flatMap { Int($0.dropFirst("round ".count)) })
                #expect(segment.userIds == ["user-\(index)-\(round)"])
            }
        }
    }

    @Test func concurrentUpdatesOfOneSegmentKeepEveryFieldAndDistinctTimestamps() async throws {
        let directory = try TemporaryDirectory()
        let options = TestServer.options(database: directory.path("segments.sqlite"))
        try await TestServer.run(options) { client in
            let id = try await client.createSegment(#"{"name": "shared"}"#)
            let bodies = [
                #"{"description": "set concurrently"}"#,
                #"{"isActive": false}"#,
                #"{"userIds": ["user-123"]}"#,
                #"{"companyIds": ["company-123"]}"#,
            ] + Array(repeating: "{}", count: 12)
            let stamps = try await withThrowingTaskGroup(of: String?.self) { group in
                for body in bodies {
                    group.addTask { try await client.call(.put, "\(base)/\(id)", json: body).string("updatedAt") }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(Set(stamps.compactMap { $0 }).count == bodies.count)
            let segment = try await client.call(.get, "\(base)/\(id)")
            #expect(segment.string("description") == "set concurrently")
            #expect(segment.object["isActive"] as? Bool == false)
            #expect(segment.object["userIds"] as? [String] == ["user-123"])
            #expect(segment.object["companyIds"] as? [String] == ["company-123"])
            #expect(segment.string("updatedAt") == stamps.compactMap { $0 }.max())
        }
    }
}
