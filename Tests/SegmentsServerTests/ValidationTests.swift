import Foundation
import Hummingbird
import HummingbirdTesting
import SegmentsServer
import SegmentsTestSupport
import Testing

/// Every client error the API reports, each with the documented body shape.
@Suite struct ValidationTests {
    let base = TestServer.base

    /// A request body that must be refused with 400, and the field the error must name.
    struct BadBody: Sendable, CustomTestStringConvertible {
        var json: String
        var field: String?
        var message: String

        var testDescription: String { json }
    }

    static let badBodies: [BadBody] = [
        BadBody(json: #"{"name": "x""#, field: nil, message: "request body is not valid JSON"),
        BadBody(json: "not json", field: nil, message: "request body is not valid JSON"),
        BadBody(json: "", field: nil, message: "request body is empty; expected a JSON object"),
        BadBody(json: #"["name"]"#, field: nil, message: "request body must be a JSON object, not an array"),
        BadBody(json: #""name""#, field: nil, message: "request body must be a JSON object, not a string"),
        BadBody(json: #"{"name": "x", "color": "red"}"#, field: "color", message: "unknown field 'color'"),
        BadBody(json: #"{"name": "x", "id": "c123"}"#, field: "id", message: "field 'id' is read-only and cannot be set"),
        BadBody(json: #"{"name": "x", "updatedAt": "2025-01-01T00:00:00.000Z"}"#, field: "updatedAt",
                message: "field 'updatedAt' is read-only and cannot be set"),
        BadBody(json: #"{"name": 42}"#, field: "name", message: "'name' must be a string, not a number"),
        BadBody(json: #"{"name": null}"#, field: "name", message: "'name' must be a string, not null"),
        BadBody(json: #"{"name": ""}"#, field: "name", message: "'name' must not be empty"),
        BadBody(json: #"{"name": "\#(String(repeating: "n", count: 256))"}"#, field: "name",
                message: "'name' is 256 characters long; the limit is 255"),
        BadBody(json: #"{"name": "x", "description": 5}"#, field: "description",
                message: "'description' must be a string or null, not a number"),
        BadBody(json: #"{"name": "x", "description": "\#(String(repeating: "d", count: 1001))"}"#, field: "description",
                message: "'description' is 1001 characters long; the limit is 1000"),
        BadBody(json: #"{"name": "x", "isActive": "yes"}"#, field: "isActive", message: "'isActive' must be a boolean, not a string"),
        BadBody(json: #"{"name": "x", "isActive": 1}"#, field: "isActive", message: "'isActive' must be a boolean, not a number"),
        BadBody(json: #"{"name": "x", "userIds": "user-123"}"#, field: "userIds",
                message: "'userIds' must be an array of strings, not a string"),
        BadBody(json: #"{"name": "x", "userIds": ["user-1", 2]}"#, field: "userIds", message: "'userIds[1]' must be a string, not a number"),
        BadBody(json: #"{"name": "x", "companyIds": [""]}"#, field: "companyIds", message: "'companyIds[0]' must not be an empty string"),
        BadBody(json: #"{"name": "x", "companyIds": null}"#, field: "companyIds",
                message: "'companyIds' must be an array of strings, not null"),
    ]

    @Test(arguments: badBodies)
    func createRefusesBadBodies(_ bad: BadBody) async throws {
        try await TestServer.run { client in
            let response = try await client.call(.post, base, json: bad.json)
            #expect(response.status == .badRequest)
            #expect(response.isErrorShaped, "body: \(response.text)")
            #expect(response.errorMessage == bad.message)
            #expect(response.errorField == bad.field)
            #expect(try await client.call(.get, base).text == "[]")
        }
    }

    @Test(arguments: badBodies.filter { $0.json != #"{"name": null}"# })
    func updateRefusesBadBodies(_ bad: BadBody) async throws {
        try await TestServer.run { client in
            let id = try await client.createSegment(#"{"name": "target"}"#)
            let before = try await client.call(.get, "\(base)/\(id)")
            let response = try await client.call(.put, "\(base)/\(id)", json: bad.json)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == bad.message)
            #expect(response.errorField == bad.field)
            #expect(try await client.call(.get, "\(base)/\(id)").text == before.text)
        }
    }

    @Test func limitsAreInclusive() async throws {
        try await TestServer.run { client in
            let name = String(repeating: "é", count: 255)
            let description = String(repeating: "🚀", count: 1000)
            let response = try await client.call(.post, base, json: #"{"name": "\#(name)", "description": "\#(description)"}"#)
            #expect(response.status == .created)
        }
    }

    @Test func createNeedsAName() async throws {
        try await TestServer.run { client in
            let response = try await client.call(.post, base, json: #"{"description": "nameless"}"#)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == "'name' is required")
            #expect(response.errorField == "name")
        }
    }

    @Test func duplicateNameOnCreateIsAConflict() async throws {
        try await TestServer.run { client in
            _ = try await client.createSegment(#"{"name": "beta-testers"}"#)
            let response = try await client.call(.post, base, json: #"{"name": "beta-testers"}"#)
            #expect(response.status == .conflict)
            #expect(response.isErrorShaped)
            #expect(response.errorMessage == "a segment named 'beta-testers' already exists")
            #expect(response.errorField == "name")
            #expect(try await client.call(.get, base).objects.count == 1)
        }
    }

    @Test func namesDifferingInCaseAreDistinct() async throws {
        try await TestServer.run { client in
            _ = try await client.createSegment(#"{"name": "beta-testers"}"#)
            #expect(try await client.call(.post, base, json: #"{"name": "Beta-Testers"}"#).status == .created)
        }
    }

    @Test func renameToATakenNameIsAConflict() async throws {
        try await TestServer.run { client in
            _ = try await client.createSegment(#"{"name": "first"}"#)
            let id = try await client.createSegment(#"{"name": "second", "description": "kept"}"#)
            let before = try await client.call(.get, "\(base)/\(id)")
            let response = try await client.call(.put, "\(base)/\(id)", json: #"{"name": "first", "description": "changed"}"#)
            #expect(response.status == .conflict)
            #expect(response.errorMessage == "a segment named 'first' already exists")
            #expect(response.errorField == "name")
            #expect(try await client.call(.get, "\(base)/\(id)").text == before.text)
        }
    }

    @Test(arguments: [HTTPRequest.Method.get, .put, .delete])
    func unknownSegmentIsNotFound(_ method: HTTPRequest.Method) async throws {
        try await TestServer.run { client in
            let response = try await client.call(method, "\(base)/cnonexistent000000000000000", json: method == .put ? "{}" : nil)
            #expect(response.status == .notFound)
            #expect(response.isErrorShaped)
            #expect(response.errorMessage == "segment 'cnonexistent000000000000000' not found")
            #expect(response.errorField == nil)
        }
    }

    @Test func bodyOverTheLimitIsTooLarge() async throws {
        try await TestServer.run(TestServer.options(maxBodySize: 1024)) { client in
            let ids = (0..<200).map { "\"user-\($0)\"" }.joined(separator: ",")
            let response = try await client.call(.post, base, json: #"{"name": "big", "userIds": [\#(ids)]}"#)
            #expect(response.status == .contentTooLarge)
            #expect(response.isErrorShaped)
            #expect(response.errorMessage == "request body is larger than the limit of 1024 bytes")
            let small = try await client.call(.post, base, json: #"{"name": "small"}"#)
            #expect(small.status == .created)
        }
    }

    @Test func unknownRouteIsAJSONNotFound() async throws {
        try await TestServer.run { client in
            for path in ["/", "/api/platform/other", "\(base)/some-id/extra"] {
                let response = try await client.call(.get, path)
                #expect(response.status == .notFound)
                #expect(response.isErrorShaped)
                #expect(response.errorMessage == "no endpoint at '\(path)'")
            }
        }
    }

    @Test func wrongMethodIsNotAllowed() async throws {
        try await TestServer.run { client in
            let patch = try await client.call(.patch, base, json: "{}")
            #expect(patch.status == .methodNotAllowed)
            #expect(patch.headers[.allow] == "GET, POST")
            #expect(patch.isErrorShaped)
            let post = try await client.call(.post, "\(base)/some-id", json: "{}")
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET, PUT, DELETE")
        }
    }

    @Test(arguments: ["abc", "0", "-3", "", "1.5"])
    func searchRefusesABadLimit(_ limit: String) async throws {
        try await TestServer.run { client in
            for endpoint in ["search-users", "search-companies"] {
                let response = try await client.call(.get, "\(base)/\(endpoint)?q=a&limit=\(limit)")
                #expect(response.status == .badRequest)
                #expect(response.errorField == "limit")
                #expect(response.errorMessage == "'limit' must be a whole number from 1 to 200, not '\(limit)'")
            }
        }
    }

    @Test(arguments: [
        (#"{}"#, "'ids' is required: an array of strings"),
        (#"{"ids": "user-123"}"#, "'ids' must be an array of strings, not a string"),
        (#"{"ids": [1]}"#, "'ids[0]' must be a string, not a number"),
        (#"{"ids": null}"#, "'ids' must be an array of strings, not null"),
        (#"{"ids": [], "extra": true}"#, "unknown field 'extra'"),
    ])
    func resolveRefusesBadBodies(_ json: String, _ message: String) async throws {
        try await TestServer.run { client in
            for endpoint in ["resolve-users", "resolve-companies"] {
                let response = try await client.call(.post, "\(base)/\(endpoint)", json: json)
                #expect(response.status == .badRequest)
                #expect(response.errorMessage == message)
                #expect(response.errorField == (json.contains("extra") ? "extra" : "ids"))
            }
        }
    }

    @Test func resolveCapsTheNumberOfIDs() async throws {
        try await TestServer.run { client in
            let ids = (0...1000).map { "\"user-\($0)\"" }.joined(separator: ",")
            let response = try await client.call(.post, "\(base)/resolve-users", json: #"{"ids": [\#(ids)]}"#)
            #expect(response.status == .badRequest)
            #expect(response.errorField == "ids")
            #expect(response.errorMessage == "'ids' lists 1001 IDs; at most 1000 can be resolved per call")
            let allowed = (0..<1000).map { "\"user-\($0)\"" }.joined(separator: ",")
            #expect(try await client.call(.post, "\(base)/resolve-users", json: #"{"ids": [\#(allowed)]}"#).status == .ok)
        }
    }
}
