import Hummingbird
import HummingbirdTesting
import SegmentsTestSupport
import Testing

/// Every method a known path does not serve gets 405 with `Allow`; unknown paths stay 404
/// whatever the method, since no method would be allowed there.
@Suite struct MethodNotAllowedTests {
    static let base = TestServer.base

    /// Each endpoint path and the methods it serves, as `Allow` lists them.
    static let paths: [(path: String, allow: String)] = [
        (base, "GET, POST"),
        ("\(base)/cnonexistent000000000000000", "GET, PUT, DELETE"),
        ("\(base)/search-users", "GET"),
        ("\(base)/search-companies", "GET"),
        ("\(base)/resolve-users", "POST"),
        ("\(base)/resolve-companies", "POST"),
    ]

    @Test(arguments: [HTTPRequest.Method.options, .trace], paths)
    func optionsAndTraceAreNotAllowed(_ method: HTTPRequest.Method, _ endpoint: (path: String, allow: String)) async throws {
        try await TestServer.run { client in
            let response = try await client.call(method, endpoint.path)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == endpoint.allow)
            #expect(response.isErrorShaped, "body: \(response.text)")
            #expect(response.errorMessage == "method \(method.rawValue) is not allowed here; use \(endpoint.allow)")
        }
    }

    @Test(arguments: [HTTPRequest.Method.options, .trace, .get, .patch])
    func unknownPathsAreNotFoundForEveryMethod(_ method: HTTPRequest.Method) async throws {
        try await TestServer.run { client in
            let response = try await client.call(method, "/api/platform/other")
            #expect(response.status == .notFound)
            #expect(response.headers[.allow] == nil)
            #expect(response.errorMessage == "no endpoint at '/api/platform/other'")
        }
    }
}
