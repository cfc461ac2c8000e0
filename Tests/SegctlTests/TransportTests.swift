import Foundation
import SegmentsTestSupport
import Testing

/// The built segctl against servers that misbehave on loopback: it must end, in bounded time,
/// with one clear error, and never report success for work that did not reach the API.
struct TransportTests {
    static let segment = """
        name: beta-testers
        userIds: [user-123]
        """

    /// A repository with one segment.
    func workdir() throws -> Workdir {
        let dir = try Workdir()
        try dir.write("segments/beta-testers.yaml", Self.segment)
        return dir
    }

    /// Runs segctl against `url`, returning what it printed and how long it took.
    func run(_ arguments: [String], url: String, in dir: Workdir) async throws -> (CLI.Run, Duration) {
        let started = ContinuousClock.now
        let run = try await dir.segctl(arguments + ["--api-url", url], environment: ["SEGMENTS_API_TOKEN": TestServer.adminToken])
        return (run, ContinuousClock.now - started)
    }

    @Test func aRedirectIsAnErrorAndNothingReachesTheRedirectTarget() async throws {
        // What answers at the redirect target accepts everything, as an attacker's sink would.
        let sink: @Sendable (MisbehavingServer.Request) -> MisbehavingServer.Reply = { request in
            request.method == "POST" && request.path == "/api/platform/segments"
                ? .json(#"{"id":"c0000000000000000000000001","name":"beta-testers"}"#, status: 201) : .json("[]")
        }
        try await MisbehavingServer.with(sink) { sink in
            let target = sink.baseURL
            try await MisbehavingServer.with({ request in .redirect(307, to: target + request.path) }) { server in
                let dir = try workdir()
                let expected = "segctl: error: GET /api/platform/segments: HTTP 307 redirects to '\(target)/api/platform/segments'; segctl never follows redirects (is api.url the API's own address?)\n"
                let (plan, _) = try await run(["plan"], url: server.baseURL, in: dir)
                #expect(plan.status == 1)
                #expect(plan.stderr.hasSuffix(expected), "\(plan.all)")
                let (apply, _) = try await run(["apply", "--auto-approve"], url: server.baseURL, in: dir)
                #expect(apply.status == 1)
                #expect(!apply.stdout.contains("Apply complete"), "\(apply.all)")
                #expect(apply.stderr.hasSuffix(expected), "\(apply.all)")
                #expect(server.record.requests == ["GET /api/platform/segments", "GET /api/platform/segments"])
                #expect(sink.record.requests.isEmpty)
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aStalledBodyEndsAfterTimeoutTimesAttempts() async throws {
        try await MisbehavingServer.with({ _ in .stallAfterHeaders() }) { server in
            let (plan, elapsed) = try await run(["plan", "--timeout", "3", "--max-attempts", "2", "--retry-delay", "0.01"], url: server.baseURL, in: try workdir())
            #expect(plan.status == 1)
            #expect(plan.stderr.hasSuffix("segctl: error: GET /api/platform/segments failed after 2 attempts: no complete response within 3 s (\(server.baseURL))\n"), "\(plan.all)")
            #expect(elapsed >= .seconds(6) && elapsed < .seconds(10))
            #expect(server.record.requests.count == 2)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aBodyTrickledByteByByteEndsAtTheTimeout() async throws {
        try await MisbehavingServer.with({ _ in .trickle(every: .seconds(2)) }) { server in
            let (plan, elapsed) = try await run(["plan", "--timeout", "3", "--max-attempts", "1"], url: server.baseURL, in: try workdir())
            #expect(plan.status == 1)
            #expect(plan.stderr.hasSuffix("segctl: error: GET /api/platform/segments failed after 1 attempt: no complete response within 3 s (\(server.baseURL))\n"), "\(plan.all)")
            #expect(elapsed >= .seconds(3) && elapsed < .seconds(6))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aRefusedConnectionGivesUpWithin15SecondsWithDefaultOptions() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let (plan, elapsed) = try await run(["plan"], url: "http://127.0.0.1:\(port)", in: try workdir())
        #expect(plan.status == 1)
        #expect(plan.stderr.hasSuffix("segctl: error: GET /api/platform/segments failed after 5 attempts: cannot connect to 127.0.0.1:\(port) (connection refused)\n"), "\(plan.all)")
        #expect(elapsed < .seconds(15))
        withExtendedLifetime(refusing) {}
    }
}
