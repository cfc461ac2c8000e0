import Foundation
import Logging
import SegmentsClient
import SegmentsCore
import SegmentsTestSupport
import Testing

/// The transport against servers that misbehave: redirects, stalled and trickling bodies,
/// refused and unanswered connections, oversized responses, terminal escapes in what they send.
@Suite(.serialized)
struct HTTPTransportTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    func platform(
        _ url: String, attempts: Int = 2, timeout: Double = 5, connectTimeout: Double = 5,
        maxResponseSize: Int = ClientSettings.defaultMaxResponseSize
    ) throws -> PlatformSegmentsClient {
        PlatformSegmentsClient(
            endpoint: try RemoteEndpoint(url, allowInsecureHTTP: false),
            token: Secret(TestServer.adminToken, source: "SEGMENTS_API_TOKEN"),
            settings: ClientSettings(
                retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.01, maxDelay: 0.05, timeout: timeout),
                connectTimeout: connectTimeout, maxResponseSize: maxResponseSize),
            logger: Self.logger)
    }

    func configCat(_ url: String) throws -> ConfigCatSegmentsClient {
        ConfigCatSegmentsClient(
            endpoint: try RemoteEndpoint(url, allowInsecureHTTP: false),
            productID: ConfigCatTestServer.productID,
            user: Secret(ConfigCatTestServer.user, source: "CONFIGCAT_API_USER"),
            password: Secret(ConfigCatTestServer.password, source: "CONFIGCAT_API_PASSWORD"),
            settings: ClientSettings(retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.05, timeout: 5)),
            logger: Self.logger)
    }

    /// The message of what `body` throws, or nil when it returns.
    func failure(_ body: () async throws -> some Any) async -> String? {
        do {
            _ = try await body()
            return nil
        } catch {
            return String(describing: error)
        }
    }

    @Test(arguments: [301, 302, 303, 307, 308])
    func redirectsAreErrorsNeverFollowed(status: Int) async throws {
        try await MisbehavingServer.with({ _ in .json("[]") }) { sink in
            try await MisbehavingServer.with({ _ in .redirect(status, to: sink.baseURL + "/api/platform/segments") }) { server in
                // A long timeout: a slow answer on a loaded machine must not be retried, which
                // would count as a second request.
                let message = await failure { try await platform(server.baseURL, attempts: 3, timeout: 30).listSegments() }
                #expect(message == "GET /api/platform/segments: HTTP \(status) redirects to '\(sink.baseURL)/api/platform/segments'; segctl never follows redirects (is api.url the API's own address?)")
                #expect(server.record.requests.count == 1)
                #expect(sink.record.requests.isEmpty)
            }
        }
    }

    @Test func aRedirectOfAWriteIsNotAmbiguousAndNotFollowed() async throws {
        try await MisbehavingServer.with({ _ in .json(#"{"id":"c0000000000000000000000000","name":"x"}"#) }) { sink in
            try await MisbehavingServer.with({ _ in .redirect(308, to: sink.baseURL + "/api/platform/segments") }) { server in
                await #expect {
                    try await platform(server.baseURL).createSegment(SegmentState(name: "x", fields: [:]))
                } throws: { error in
                    (error as? ClientError)?.kind == .badResponse && (error as? ClientError)?.status == 308
                }
                #expect(sink.record.requests.isEmpty)
            }
        }
    }

    @Test func aRedirectLocationIsEscapedAndCapped() async throws {
        // The HTTP parser refuses control characters in a header; bidi controls get through.
        let location = "http://evil.example/\u{202E}\u{2066}gpj.exe" + String(repeating: "a", count: 5000)
        try await MisbehavingServer.with({ _ in .redirect(302, to: location) }) { server in
            let message = try #require(await failure { try await platform(server.baseURL).listSegments() })
            #expect(message.contains("'http://evil.example/\\u{202E}\\u{2066}gpj.exeaaa"))
            #expect(!message.unicodeScalars.contains { UntrustedText.needsEscape($0) })
            #expect(message.count < 600)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aStalledBodyEndsAtTheTimeoutAndHangsUp() async throws {
        try await MisbehavingServer.with({ _ in .stallAfterHeaders() }) { server in
            let started = ContinuousClock.now
            let message = await failure { try await platform(server.baseURL, attempts: 2, timeout: 1).listSegments() }
            #expect(message == "GET /api/platform/segments failed after 2 attempts: no complete response within 1 s (\(server.baseURL))")
            #expect(ContinuousClock.now - started < .seconds(4))
            #expect(server.record.requests.count == 2)
            let hungUp = try await server.record.waitUntilAllClosed(within: .seconds(2))
            #expect(hungUp)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aTricklingBodyEndsAtTheTimeout() async throws {
        try await MisbehavingServer.with({ _ in .trickle(every: .milliseconds(200)) }) { server in
            let started = ContinuousClock.now
            let message = await failure { try await platform(server.baseURL, attempts: 1, timeout: 1.5).listSegments() }
            #expect(message == "GET /api/platform/segments failed after 1 attempt: no complete response within 1.5 s (\(server.baseURL))")
            #expect(ContinuousClock.now - started < .seconds(3))
            let hungUp = try await server.record.waitUntilAllClosed(within: .seconds(2))
            #expect(hungUp)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aRefusedConnectionFailsFast() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let started = ContinuousClock.now
        let message = await failure { try await platform("http://127.0.0.1:\(port)", attempts: 3, timeout: 30).listSegments() }
        #expect(message == "GET /api/platform/segments failed after 3 attempts: cannot connect to 127.0.0.1:\(port) (connection refused)")
        #expect(ContinuousClock.now - started < .seconds(3))
        withExtendedLifetime(refusing) {}
    }

    @Test(.timeLimit(.minutes(1)))
    func anUnansweredConnectionFailsAtTheConnectTimeout() async throws {
        try await SilentListener.with { listener in
            let started = ContinuousClock.now
            let message = await failure { try await platform(listener.baseURL, attempts: 2, timeout: 30, connectTimeout: 1).listSegments() }
            #expect(message == "GET /api/platform/segments failed after 2 attempts: cannot connect to 127.0.0.1:\(listener.port) (no answer within 1 s)")
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .seconds(1) && elapsed < .seconds(10), "the connect timeout, not the 30 s request timeout, ends it")
        }
    }

    @Test func aResponseOverTheLimitNamesTheOptionAndIsNotRetried() async throws {
        let expected = "GET /api/platform/segments: the response is larger than 1000 bytes (--max-response-size); raise the limit with --max-response-size"
        let text = "[" + String(repeating: " ", count: 1000) + "]"
        try await MisbehavingServer.with({ _ in .json(text) }) { server in
            #expect(await failure { try await platform(server.baseURL, maxResponseSize: 1000).listSegments() } == expected)
            #expect(server.record.requests.count == 1)
            let underTheLimit = try await platform(server.baseURL, maxResponseSize: 1002).listSegments()
            #expect(underTheLimit.isEmpty)
        }
        // Without a Content-Length, the limit holds while the body streams in.
        try await MisbehavingServer.with({ _ in .chunked(Array(repeating: String(repeating: " ", count: 100), count: 20)) }) { server in
            #expect(await failure { try await platform(server.baseURL, maxResponseSize: 1000).listSegments() } == expected)
            #expect(server.record.requests.count == 1)
        }
    }

    @Test func theDefaultLimitIs512MiB() async throws {
        try await MisbehavingServer.with({ _ in .stallAfterHeaders(promising: 600 << 20) }) { server in
            #expect(await failure { try await platform(server.baseURL).listSegments() }
                == "GET /api/platform/segments: the response is larger than 512 MiB (--max-response-size); raise the limit with --max-response-size")
        }
    }

    @Test func platformErrorBodiesAreEscapedAndCapped() async throws {
        let body = #"{"error":{"message":"bad\u001b[2J\u001b]0;title\u0007 \u202Eevil"#
            + String(repeating: "x", count: 5000) + #"","field":"na\u001bme"}}"#
        try await MisbehavingServer.with({ _ in .json(body, status: 400) }) { server in
            let message = try #require(await failure { try await platform(server.baseURL).listSegments() })
            #expect(message.hasPrefix("GET /api/platform/segments: HTTP 400: bad\\e[2J\\e]0;title\\u{7} \\u{202E}evilxxx"))
            #expect(message.hasSuffix("(field 'na\\eme')"))
            #expect(!message.unicodeScalars.contains { UntrustedText.needsEscape($0) })
            #expect(message.count < 600)
        }
    }

    @Test func nonJSONSnippetsAreEscaped() async throws {
        let page = "<html>\u{1B}]8;;http://evil.example\u{07}click\u{1B}]8;;\u{07}\r\n\u{202E}</html>"
        try await MisbehavingServer.with({ _ in .answer(status: 200, headers: [("Content-Type", "text/html")], body: Array(page.utf8)) }) { server in
            let message = await failure { try await platform(server.baseURL).listSegments() }
            #expect(message == #"GET /api/platform/segments: HTTP 200 with a non-JSON body (text/html): "<html>\e]8;;http://evil.example\u{7}click\e]8;;\u{7}\r\n\u{202E}</html>""#)
        }
    }

    @Test func configCatFieldErrorsAreEscaped() async throws {
        let body = #"{"comparator\u001b[31m":["The comparator\u001b]0;x\u0007 is not valid."],"name":"too \u202Elong"}"#
        try await MisbehavingServer.with({ _ in .json(body, status: 400) }) { server in
            let message = await failure { try await configCat(server.baseURL).listSegments() }
            #expect(message == #"GET /v1/products/\#(ConfigCatTestServer.productID)/segments: HTTP 400: comparator\e[31m: The comparator\e]0;x\u{7} is not valid.; name: too \u{202E}long"#)
        }
    }
}
