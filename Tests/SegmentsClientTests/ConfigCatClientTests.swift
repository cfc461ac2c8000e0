import Foundation
import Logging
import SegmentsClient
import SegmentsCore
import SegmentsTestSupport
import Testing

/// The ConfigCat client against the ConfigCat-compatible test server.
struct ConfigCatClientTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    func client(_ server: ConfigCatTestServer, password: String = ConfigCatTestServer.password) throws -> ConfigCatSegmentsClient {
        ConfigCatSegmentsClient(
            endpoint: try RemoteEndpoint(server.baseURL, allowInsecureHTTP: false),
            productID: ConfigCatTestServer.productID,
            user: Secret(ConfigCatTestServer.user, source: "CONFIGCAT_API_USER"),
            password: Secret(password, source: "CONFIGCAT_API_PASSWORD"),
            settings: ClientSettings(retry: RetryPolicy(maxAttempts: 5, baseDelay: 0.01, maxDelay: 0.05, timeout: 10)),
            logger: Self.logger)
    }

    static func state(_ name: String, comparator: String = "isOneOf", value: FieldValue) -> SegmentState {
        SegmentState(name: name, fields: [
            "description": .null, "comparisonAttribute": .string("Email"),
            "comparator": .string(comparator), "comparisonValue": value,
        ])
    }

    @Test func everyOperationRoundTrips() async throws {
        try await ConfigCatTestServer.with { server in
            let api = try client(server)
            let id = try await api.createSegment(Self.state("Beta Users", value: .list(["a@example.com", "b@example.com"])))
            let fetched = try #require(try await api.fetchSegment(id: id))
            #expect(fetched.state["comparisonValue"] == .list(["a@example.com", "b@example.com"]))
            await server.store.setUsage(2, of: id)
            let listed = try await api.listSegments()
            #expect(listed.map(\.usage) == [2])
            #expect(listed.map(\.state) == [Self.state("Beta Users", value: .list(["a@example.com", "b@example.com"]))])
            try await api.updateSegment(id: id, to: Self.state("Beta Users", comparator: "numberGreater", value: .string("5")), changedFields: ["comparator"])
            #expect(try await api.fetchSegment(id: id)?.state["comparisonValue"] == .string("5"))
            try await api.deleteSegment(id: id)
            #expect(try await api.fetchSegment(id: id) == nil)
        }
    }

    @Test func errorBodiesAreShownFieldByField() async throws {
        try await ConfigCatTestServer.with { server in
            await #expect {
                try await client(server).createSegment(Self.state("x", comparator: "bogus", value: .list(["a"])))
            } throws: { error in
                String(describing: error) == "POST /v1/products/\(ConfigCatTestServer.productID)/segments: HTTP 400: comparator: The comparator 'bogus' is not valid."
            }
        }
    }

    @Test func wrongPasswordIsUnauthorizedWithoutEchoingIt() async throws {
        try await ConfigCatTestServer.with { server in
            let wrong = "not-the-password-9f8e"
            await #expect {
                try await client(server, password: wrong).listSegments()
            } throws: { error in
                let message = String(describing: error)
                return message.contains("401 Unauthorized") && message.contains("CONFIGCAT_API_USER/CONFIGCAT_API_PASSWORD") && !message.contains(wrong)
            }
        }
    }

    @Test func slowsDownWhenTheBudgetIsSpentInsteadOfHitting429() async throws {
        // The first window opens when the server starts, a moment before the first request:
        // a window twice the expected pause keeps a loaded machine from shortening it too much.
        try await ConfigCatTestServer.with(limits: .init(requestsPerWindow: 3, windowSeconds: 2)) { server in
            await server.store.insert(name: "A", value: "a")
            let api = try client(server)
            let clock = ContinuousClock()
            let start = clock.now
            for _ in 0..<3 { _ = try await api.listSegments() }
            #expect(await server.store.throttled == 0)
            #expect(clock.now - start >= .seconds(1))
        }
    }

    @Test func retriesAfter429() async throws {
        try await ConfigCatTestServer.with(limits: .init(requestsPerWindow: 2, windowSeconds: 1)) { server in
            let api = try client(server)
            // Two clients share the budget: the second one meets a 429 and waits out Retry-After.
            let other = try client(server)
            async let a: [RemoteSegment] = api.listSegments()
            async let b: [RemoteSegment] = other.listSegments()
            async let c: [RemoteSegment] = other.listSegments()
            let results = try await [a, b, c]
            #expect(results.count == 3)
        }
    }
}
