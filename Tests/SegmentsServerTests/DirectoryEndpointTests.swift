import Foundation
import Hummingbird
import HummingbirdTesting
import SegmentsServer
import SegmentsTestSupport
import Testing

/// The search and resolve helpers: matching, case, limits, order and unknown IDs.
@Suite struct DirectoryEndpointTests {
    let base = TestServer.base

    @Test func searchCompaniesMatchesNameOrIDIgnoringCase() async throws {
        try await TestServer.run { client in
            let byName = try await client.call(.get, "\(base)/search-companies?q=TECH")
            #expect(byName.status == .ok)
            #expect(byName.text == #"[{"id":"company-123","label":"TechFlow MSP","description":"professional plan"}]"#)
            let byID = try await client.call(.get, "\(base)/search-companies?q=Company-789")
            #expect(byID.objects.map { $0["id"] as? String } == ["company-789"])
            #expect(byID.objects.first?["label"] as? String == "Acme Corporation")
            #expect(byID.objects.first?["description"] as? String == "enterprise plan")
        }
    }

    @Test func searchUsersMatchesEmailNameOrIDIgnoringCase() async throws {
        try await TestServer.run { client in
            let byEmail = try await client.call(.get, "\(base)/search-users?q=JOHN@EXAMPLE")
            #expect(byEmail.text == #"[{"id":"user-123","label":"john@example.com","description":"John Smith"}]"#)
            let byName = try await client.call(.get, "\(base)/search-users?q=ana%20lopez")
            #expect(byName.objects.map { $0["id"] as? String } == ["user-456"])
            let byID = try await client.call(.get, "\(base)/search-users?q=USER-456")
            #expect(byID.objects.map { $0["id"] as? String } == ["user-456"])
            let accented = try await client.call(.get, "\(base)/search-users?q=MAR%C3%8DA")
            #expect(accented.objects.map { $0["label"] as? String } == ["maria.garcia@techflow.example"])
            #expect(try await client.call(.get, "\(base)/search-users?q=nobody-matches-this").text == "[]")
        }
    }

    @Test func searchResultsAreOrderedByLabel() async throws {
        try await TestServer.run { client in
            let users = try await client.call(.get, "\(base)/search-users?q=acme")
            let labels = users.objects.compactMap { $0["label"] as? String }
            #expect(labels == ["alan.turing@acme.example", "grace.hopper@acme.example", "wile.coyote@acme.example"])
            let companies = try await client.call(.get, "\(base)/search-companies")
            let names = companies.objects.compactMap { $0["label"] as? String }
            #expect(names.count == 10)
            #expect(names == names.sorted())
        }
    }

    @Test func searchLimitDefaultsTo50AndIsCappedAt200() async throws {
        let directory = try TemporaryDirectory()
        let users = (0..<250).map { index in
            "  - {id: user-\(index), email: person\(index)@bulk.example, name: Person \(index)}"
        }
        let companies = (0..<250).map { "  - {id: company-\($0), name: Bulk \($0), plan: starter}" }
        let file = try directory.write("bulk.yaml", "users:\n\(users.joined(separator: "\n"))\ncompanies:\n\(companies.joined(separator: "\n"))\n")
        try await TestServer.run(TestServer.options(directory: file)) { client in
            for endpoint in ["search-users", "search-companies"] {
                let counts = [
                    try await client.call(.get, "\(base)/\(endpoint)?q=").objects.count,
                    try await client.call(.get, "\(base)/\(endpoint)?q=bulk&limit=3").objects.count,
                    try await client.call(.get, "\(base)/\(endpoint)?limit=200").objects.count,
                    try await client.call(.get, "\(base)/\(endpoint)?limit=100000").objects.count,
                ]
                #expect(counts == [50, 3, 200, 200], "\(endpoint)")
            }
        }
    }

    @Test func resolveKeepsTheOrderAskedAndLeavesUnknownIDsOut() async throws {
        try await TestServer.run { client in
            let users = try await client.call(
                .post, "\(base)/resolve-users", json: #"{"ids": ["user-456", "user-unknown", "user-123", "user-456", ""]}"#)
            #expect(users.status == .ok)
            #expect(users.text == """
                [{"id":"user-456","label":"ana@example.com","description":"Ana Lopez"},\
                {"id":"user-123","label":"john@example.com","description":"John Smith"}]
                """)
            let companies = try await client.call(
                .post, "\(base)/resolve-companies", json: #"{"ids": ["company-789", "company-123", "company-nope"]}"#)
            #expect(companies.text == """
                [{"id":"company-789","label":"Acme Corporation","description":"enterprise plan"},\
                {"id":"company-123","label":"TechFlow MSP","description":"professional plan"}]
                """)
            #expect(try await client.call(.post, "\(base)/resolve-users", json: #"{"ids": []}"#).text == "[]")
        }
    }

    @Test func resolveIsExactNotCaseInsensitive() async throws {
        try await TestServer.run { client in
            let response = try await client.call(.post, "\(base)/resolve-users", json: #"{"ids": ["USER-123"]}"#)
            #expect(response.text == "[]")
        }
    }

    @Test func aCompanyWithoutAPlanHasANullDescription() async throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("directory.json", #"{"companies": [{"id": "company-x", "name": "Planless"}]}"#)
        try await TestServer.run(TestServer.options(directory: file)) { client in
            let response = try await client.call(.post, "\(base)/resolve-companies", json: #"{"ids": ["company-x"]}"#)
            #expect(response.text == #"[{"id":"company-x","label":"Planless","description":null}]"#)
        }
    }
}
