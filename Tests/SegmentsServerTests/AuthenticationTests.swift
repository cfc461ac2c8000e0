import Hummingbird
import HummingbirdTesting
import SegmentsServer
import SegmentsTestSupport
import Testing

/// Every endpoint requires the bearer token of a Super Admin.
@Suite struct AuthenticationTests {
    /// One endpoint, with a body it would accept.
    struct Endpoint: Sendable, CustomTestStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var json: String?

        var testDescription: String { "\(method) \(path)" }
    }

    static let base = TestServer.base
    static let endpoints: [Endpoint] = [
        Endpoint(method: .get, path: base),
        Endpoint(method: .get, path: "\(base)/ca0000000000000000000000a"),
        Endpoint(method: .post, path: base, json: #"{"name": "sneaky"}"#),
        Endpoint(method: .put, path: "\(base)/ca0000000000000000000000a", json: #"{"name": "sneaky"}"#),
        Endpoint(method: .delete, path: "\(base)/ca0000000000000000000000a"),
        Endpoint(method: .get, path: "\(base)/search-companies?q=tech"),
        Endpoint(method: .get, path: "\(base)/search-users?q=john"),
        Endpoint(method: .post, path: "\(base)/resolve-companies", json: #"{"ids": ["company-123"]}"#),
        Endpoint(method: .post, path: "\(base)/resolve-users", json: #"{"ids": ["user-123"]}"#),
        Endpoint(method: .get, path: "/no/such/route"),
    ]

    @Test(arguments: endpoints)
    func missingTokenIsUnauthorized(_ endpoint: Endpoint) async throws {
        try await TestServer.run { client in
            let response = try await client.call(endpoint.method, endpoint.path, token: nil, json: endpoint.json)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
            #expect(response.isErrorShaped)
            #expect(response.errorMessage == "authentication required: send 'Authorization: Bearer <token>'")
            #expect(try await client.call(.get, Self.base).text == "[]")
        }
    }

    @Test(arguments: endpoints)
    func unknownTokenIsUnauthorized(_ endpoint: Endpoint) async throws {
        try await TestServer.run { client in
            let response = try await client.call(endpoint.method, endpoint.path, token: "not-a-real-token", json: endpoint.json)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
            #expect(response.errorMessage == "the bearer token is not valid")
            #expect(!response.text.contains("not-a-real-token"))
        }
    }

    @Test(arguments: endpoints)
    func memberTokenIsForbidden(_ endpoint: Endpoint) async throws {
        try await TestServer.run { client in
            let response = try await client.call(endpoint.method, endpoint.path, token: TestServer.memberToken, json: endpoint.json)
            #expect(response.status == .forbidden)
            #expect(response.isErrorShaped)
            #expect(response.errorMessage == "this API requires a Super Admin account")
            #expect(try await client.call(.get, Self.base).text == "[]")
        }
    }

    @Test(arguments: [TestServer.adminToken, TestServer.directoryAdminToken, "dev-john-token"])
    func superAdminTokensAreAccepted(_ token: String) async throws {
        try await TestServer.run { client in
            let response = try await client.call(.get, Self.base, token: token)
            #expect(response.status == .ok)
        }
    }

    @Test(arguments: ["Basic ZGV2LWFkbWluLXRva2Vu", "Bearer", "Bearer ", "dev-admin-token", "Token dev-admin-token"])
    func malformedHeadersAreUnauthorized(_ header: String) async throws {
        try await TestServer.run { client in
            let response = try await client.executeRequest(
                uri: Self.base, method: .get, headers: [.authorization: header], body: nil)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test func schemeIsCaseInsensitive() async throws {
        try await TestServer.run { client in
            let response = try await client.executeRequest(
                uri: Self.base, method: .get, headers: [.authorization: "bearer dev-admin-token"], body: nil)
            #expect(response.status == .ok)
        }
    }

    @Test func withoutABootstrapTokenOnlyDirectoryTokensWork() async throws {
        var options = TestServer.options()
        options.superAdminToken = nil
        try await TestServer.run(options) { client in
            let bootstrap = try await client.call(.get, Self.base, token: TestServer.adminToken)
            let admin = try await client.call(.get, Self.base, token: TestServer.directoryAdminToken)
            #expect(bootstrap.status == .unauthorized)
            #expect(admin.status == .ok)
        }
    }

    @Test func withoutADirectoryTheBootstrapTokenWorks() async throws {
        try await TestServer.run(TestServer.options(directory: nil)) { client in
            let bootstrap = try await client.call(.get, Self.base, token: TestServer.adminToken)
            let admin = try await client.call(.get, Self.base, token: TestServer.directoryAdminToken)
            #expect(bootstrap.status == .ok)
            #expect(admin.status == .unauthorized)
        }
    }

    @Test func optionsNeverPrintTheToken() {
        let options = TestServer.options()
        #expect(!"\(options)".contains(TestServer.adminToken))
        #expect("\(options)".contains("<redacted>"))
    }
}
