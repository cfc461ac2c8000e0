import Foundation
import Logging
import SegmentsClient
import SegmentsCore
import SegmentsTestSupport
import Testing

/// The platform client against the real segments-server on loopback, through a proxy that
/// fails on purpose where a test needs it.
@Suite(.serialized)
struct PlatformClientTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    func client(_ url: String, token: String = TestServer.adminToken, attempts: Int = 5, timeout: Double = 5) throws -> PlatformSegmentsClient {
        PlatformSegmentsClient(
            endpoint: try RemoteEndpoint(url, allowInsecureHTTP: false),
            token: Secret(token, source: "SEGMENTS_API_TOKEN"),
            settings: ClientSettings(retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.01, maxDelay: 0.05, timeout: timeout)),
            logger: Self.logger)
    }

    @Test func roundTripOfEveryOperation() async throws {
        try await TestServer.with { server in
            let api = try client(server.baseURL)
            let state = SegmentState(name: "beta", fields: ["description": .string("d"), "isActive": .bool(true), "userIds": .list(["user-123"]), "companyIds": .list([])])
            let id = try await api.createSegment(state)
            #expect(id.hasPrefix("c") && id.count == 25)
            let fetched = try #require(try await api.fetchSegment(id: id))
            #expect(fetched.state == state)
            var changed = state
            changed["userIds"] = .list(["user-123", "user-456"])
            try await api.updateSegment(id: id, to: changed, changedFields: ["userIds"])
            #expect(try await api.listSegments().map(\.state) == [changed])
            let labels = try await api.resolveLabels(["user-123", "user-nobody"], kind: .user)
            #expect(labels == ["user-123": "john@example.com"])
            try await api.deleteSegment(id: id)
            #expect(try await api.fetchSegment(id: id) == nil)
        }
    }

    @Test func retriesA429HonouringRetryAfter() async throws {
        try await TestServer.withProxy { server, proxy in
            await proxy.script.add(.status(429, retryAfter: "1"), method: "GET", path: "/api/platform/segments")
            let clock = ContinuousClock()
            let start = clock.now
            let segments = try await client(proxy.baseURL).listSegments()
            #expect(segments.isEmpty)
            #expect(clock.now - start >= .seconds(1))
            #expect(await proxy.script.requests.count == 2)
        }
    }

    @Test func retriesA503Burst() async throws {
        try await TestServer.withProxy { server, proxy in
            await proxy.script.add(.status(503), method: "GET", times: 3)
            _ = try await client(proxy.baseURL).listSegments()
            #expect(await proxy.script.requests.count == 4)
        }
    }

    @Test func givesUpAfterTheLastAttempt() async throws {
        try await TestServer.withProxy { server, proxy in
            await proxy.script.add(.status(502), method: "GET", times: 10)
            await #expect {
                try await client(proxy.baseURL, attempts: 3).listSegments()
            } throws: { error in
                (error as? ClientError)?.message == "GET /api/platform/segments: HTTP 502 after 3 attempts; giving up"
            }
            #expect(await proxy.script.requests.count == 3)
        }
    }

    @Test func clientErrorsAreNotRetriedAndCarryTheServerMessage() async throws {
        try await TestServer.withProxy { server, proxy in
            let api = try client(proxy.baseURL)
            let state = SegmentState(name: "dup", fields: [:])
            _ = try await api.createSegment(state)
            await #expect {
                try await api.createSegment(state)
            } throws: { error in
                guard let error = error as? ClientError else { return false }
                return error.kind == .conflict && error.message.hasPrefix("POST /api/platform/segments: 409 Conflict: ")
            }
            #expect(await proxy.script.requests.filter { $0.hasPrefix("POST") }.count == 2)
        }
    }

    @Test func wrongTokenNamesTheVariableAndNeverTheToken() async throws {
        try await TestServer.with { server in
            let secret = "wrong-token-0123456789"
            await #expect {
                try await client(server.baseURL, token: secret).listSegments()
            } throws: { error in
                let message = String(describing: error)
                return (error as? ClientError)?.kind == .unauthorized && message.contains("SEGMENTS_API_TOKEN") && !message.contains(secret)
            }
        }
    }

    @Test func memberTokenIsForbidden() async throws {
        try await TestServer.with { server in
            await #expect {
                try await client(server.baseURL, token: TestServer.memberToken).listSegments()
            } throws: { error in
                let error = error as? ClientError
                return error?.kind == .forbidden && error?.message.contains("not a Super Admin") == true
            }
        }
    }

    @Test func unreachableServerSaysSo() async throws {
        let api = try client("http://127.0.0.1:1", attempts: 2)
        await #expect {
            try await api.listSegments()
        } throws: { error in
            let message = String(describing: error)
            return (error as? ClientError)?.kind == .unreachable && message.contains("failed after 2 attempts") && message.contains("127.0.0.1:1")
        }
    }

    @Test func nonJSONResponseIsExplained() async throws {
        try await TestServer.withProxy { server, proxy in
            await proxy.script.add(.htmlInsteadOfJSON, method: "GET")
            await #expect {
                try await client(proxy.baseURL).listSegments()
            } throws: { error in
                String(describing: error) == "GET /api/platform/segments: HTTP 200 with a non-JSON body (text/html): \"<html><body>Login required</body></html>\""
            }
        }
    }

    @Test func plainHTTPToARemoteHostIsRefused() {
        #expect(throws: ClientError.self) { try RemoteEndpoint("http://segments.example.com", allowInsecureHTTP: false) }
        #expect((try? RemoteEndpoint("http://segments.example.com", allowInsecureHTTP: true)) != nil)
        #expect((try? RemoteEndpoint("https://segments.example.com", allowInsecureHTTP: false)) != nil)
        #expect((try? RemoteEndpoint("http://localhost:8080/", allowInsecureHTTP: false))?.baseURL == "http://localhost:8080")
        #expect((try? RemoteEndpoint("http://127.0.0.1:8080", allowInsecureHTTP: false)) != nil)
        #expect(throws: ClientError.self) { try RemoteEndpoint("http://127.attacker.example", allowInsecureHTTP: false) }
        #expect(throws: ClientError.self) { try RemoteEndpoint("http://127.0.0.1.nip.io", allowInsecureHTTP: false) }
    }

    @Test func aPostWhoseResponseIsLostIsNeverDuplicated() async throws {
        try await TestServer.withProxy { server, proxy in
            // The segment is created, but the response arrives after the client gave up.
            await proxy.script.add(.delayAfterForwarding(.seconds(3)), method: "POST", path: "/api/platform/segments")
            let api = try client(proxy.baseURL, timeout: 1)
            let desired = [SegmentDeclaration(file: "segments/new.yaml", state: SegmentState(name: "new", fields: ["description": .null, "isActive": .bool(true), "userIds": .list([]), "companyIds": .list([])]))]
            let plan = Planner(config: TargetCatalogue.defaultConfig(), options: PlanOptions()).plan(desired: desired, remote: try await api.listSegments())
            let report = await PlanExecutor(target: PlatformTarget()).apply(plan, to: api)
            #expect(report.succeeded)
            guard case .done(let detail?) = report.outcomes[0].result else {
                Issue.record("expected a confirmed create, got \(report.outcomes[0].result)")
                return
            }
            #expect(detail.hasPrefix("confirmed by re-reading the segment list after: POST /api/platform/segments: no complete response within 1 s"))
            #expect(try await api.listSegments().map(\.name) == ["new"])
            #expect(await proxy.script.requests.filter { $0.hasPrefix("POST") }.count == 1)
        }
    }

    @Test func concurrentRemoteEditIsAConflict() async throws {
        try await TestServer.with { server in
            let api = try client(server.baseURL)
            let base = SegmentState(name: "s", fields: ["description": .null, "isActive": .bool(true), "userIds": .list([]), "companyIds": .list([])])
            let id = try await api.createSegment(base)
            var wanted = base
            wanted["userIds"] = .list(["user-123"])
            let plan = Planner(config: TargetCatalogue.defaultConfig(), options: PlanOptions()).plan(desired: [SegmentDeclaration(file: "s.yaml", state: wanted)], remote: try await api.listSegments())
            // Someone edits the segment in the dashboard between plan and apply.
            var theirs = base
            theirs["description"] = .string("edited by hand")
            try await api.updateSegment(id: id, to: theirs, changedFields: ["description"])
            let report = await PlanExecutor(target: PlatformTarget()).apply(plan, to: api)
            guard case .conflict(let message) = report.outcomes[0].result else {
                Issue.record("expected a conflict, got \(report.outcomes[0].result)")
                return
            }
            #expect(message.hasPrefix("changed remotely since the plan (updatedAt "))
            #expect(try await api.fetchSegment(id: id)?.state["description"] == .string("edited by hand"))
            #expect(try await api.fetchSegment(id: id)?.state["userIds"] == .list([]))
        }
    }
}
