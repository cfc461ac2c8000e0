import Foundation
import Hummingbird
import HummingbirdTesting
import SegmentsServer
import SegmentsTestSupport
import Testing

/// The five segment endpoints' success paths, with exact response bodies.
@Suite struct SegmentEndpointTests {
    let base = TestServer.base

    @Test func listIsEmptyAtFirst() async throws {
        try await TestServer.run { client in
            let response = try await client.call(.get, base)
            #expect(response.status == .ok)
            #expect(response.text == "[]")
            #expect(response.headers[.contentType] == "application/json")
        }
    }

    @Test func createReturnsIDAndNameOnly() async throws {
        try await TestServer.run { client in
            let response = try await client.call(
                .post, base,
                json: #"{"name": "internal-team", "description": "Internal development and QA team", "userIds": ["user-123"], "companyIds": [], "isActive": true}"#)
            #expect(response.status == .created)
            let id = try #require(response.string("id"))
            #expect(id.wholeMatch(of: /c[0-9a-z]{24}/) != nil)
            #expect(response.text == #"{"id":"\#(id)","name":"internal-team"}"#)
        }
    }

    @Test func getReturnsTheFullObjectInDocumentedKeyOrder() async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(
                #"{"name": "beta-testers", "description": "Early access customers", "userIds": ["user-123", "user-456"], "companyIds": ["company-789"]}"#)
            let response = try await client.call(.get, "\(base)/\(id)")
            #expect(response.status == .ok)
            let createdAt = try #require(response.string("createdAt"))
            #expect(createdAt.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil)
            #expect(response.string("updatedAt") == createdAt)
            #expect(response.text == """
                {"id":"\(id)","name":"beta-testers","description":"Early access customers","isActive":true,\
                "userIds":["user-123","user-456"],"companyIds":["company-789"],\
                "createdAt":"\(createdAt)","updatedAt":"\(createdAt)"}
                """)
        }
    }

    @Test func createAppliesDefaults() async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(#"{"name": "bare"}"#)
            let segment = try await client.call(.get, "\(base)/\(id)")
            #expect(segment.object["description"] is NSNull)
            #expect(segment.object["isActive"] as? Bool == true)
            #expect(segment.object["userIds"] as? [String] == [])
            #expect(segment.object["companyIds"] as? [String] == [])
        }
    }

    @Test func listIsOrderedByName() async throws {
        try await TestServer.run { client in
            for name in ["zeta", "alpha", "Mid", "beta"] {
                _ = try await client.createSegment(#"{"name": "\#(name)"}"#)
            }
            let list = try await client.call(.get, base)
            #expect(list.status == .ok)
            #expect(list.objects.compactMap { $0["name"] as? String } == ["Mid", "alpha", "beta", "zeta"])
            #expect(list.objects.allSatisfy { $0.count == 8 })
        }
    }

    @Test func membersKeepTheirOrderAndRepeatsCollapse() async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(
                #"{"name": "ordered", "userIds": ["user-456", "user-123", "user-456", "user-789"], "companyIds": ["company-789", "company-123", "company-789"]}"#)
            let segment = try await client.call(.get, "\(base)/\(id)")
            #expect(segment.object["userIds"] as? [String] == ["user-456", "user-123", "user-789"])
            #expect(segment.object["companyIds"] as? [String] == ["company-789", "company-123"])
        }
    }

    @Test func updateChangesOnlyTheGivenFieldsAndReturnsTheObject() async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(
                #"{"name": "beta-testers", "description": "Early access", "userIds": ["user-123"]}"#)
            let before = try await client.call(.get, "\(base)/\(id)")

            let response = try await client.call(.put, "\(base)/\(id)", json: #"{"isActive": false, "companyIds": ["company-789"]}"#)
            #expect(response.status == .ok)
            let updatedAt = try #require(response.string("updatedAt"))
            let createdAt = try #require(before.string("createdAt"))
            #expect(updatedAt > createdAt)
            #expect(response.text == """
                {"id":"\(id)","name":"beta-testers","description":"Early access","isActive":false,\
                "userIds":["user-123"],"companyIds":["company-789"],\
                "createdAt":"\(createdAt)","updatedAt":"\(updatedAt)"}
                """)
            let fetched = try await client.call(.get, "\(base)/\(id)")
            #expect(fetched.text == response.text)
        }
    }

    @Test func updateCanRenameClearTheDescriptionAndReplaceLists() async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(
                #"{"name": "old-name", "description": "text", "userIds": ["user-1", "user-2"]}"#)
            let response = try await client.call(
                .put, "\(base)/\(id)",
                json: #"{"name": "updated-name", "description": null, "userIds": ["user-123", "user-456"], "isActive": true}"#)
            #expect(response.status == .ok)
            #expect(response.string("name") == "updated-name")
            #expect(response.object["description"] is NSNull)
            #expect(response.object["userIds"] as? [String] == ["user-123", "user-456"])
        }
    }

    @Test func everyUpdateAdvancesUpdatedAt() async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(#"{"name": "busy"}"#)
            var previous = try #require(try await client.call(.get, "\(base)/\(id)").string("updatedAt"))
            for round in 0..<20 {
                let body = round.isMultiple(of: 2) ? "{}" : #"{"isActive": true}"#
                let response = try await client.call(.put, "\(base)/\(id)", json: body)
                let updatedAt = try #require(response.string("updatedAt"))
                #expect(updatedAt > previous, "PUT \(round) did not advance updatedAt")
                previous = updatedAt
            }
        }
    }

    @Test func renamingToItsOwnNameIsNotAConflict() async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(#"{"name": "same"}"#)
            let response = try await client.call(.put, "\(base)/\(id)", json: #"{"name": "same"}"#)
            #expect(response.status == .ok)
        }
    }

    @Test func deleteRemovesTheSegment() async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(#"{"name": "doomed"}"#)
            let response = try await client.call(.delete, "\(base)/\(id)")
            #expect(response.status == .ok)
            #expect(response.text == #"{"success":true}"#)
            #expect(try await client.call(.get, "\(base)/\(id)").status == .notFound)
            #expect(try await client.call(.get, base).text == "[]")
            #expect(try await client.call(.delete, "\(base)/\(id)").status == .notFound)
        }
    }

    @Test func helperPathsAreNotTakenForSegmentIDs() async throws {
        try await TestServer.run { client in
            _ = try await client.createSegment(#"{"name": "search-users"}"#)
            let search = try await client.call(.get, "\(base)/search-users?q=ana@")
            #expect(search.status == .ok)
            #expect(search.objects.first?["id"] as? String == "user-456")
            let companies = try await client.call(.get, "\(base)/search-companies?q=acme")
            #expect(companies.objects.first?["id"] as? String == "company-789")
            #expect(try await client.call(.delete, "\(base)/search-users").status == .methodNotAllowed)
            #expect(try await client.call(.get, "\(base)/resolve-users").status == .methodNotAllowed)
        }
    }

    @Test func textIsEscapedAndUnicodeKept() async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(
                #"{"name": "quote \" backslash \\ tab \t é 🚀", "description": "line\nbreak \u0001"}"#)
            let segment = try await client.call(.get, "\(base)/\(id)")
            #expect(segment.string("name") == "quote \" backslash \\ tab \t é 🚀")
            #expect(segment.string("description") == "line\nbreak \u{01}")
            #expect(segment.text.contains(#""description":"line\nbreak \u0001""#))
        }
    }
}
