import SegmentsClient
import Testing

/// Which URLs a credential may be sent to.
struct RemoteEndpointTests {
    /// The message `url` is refused with, or nil when it is accepted.
    func refusal(_ url: String, allowInsecureHTTP: Bool = false) -> String? {
        do {
            _ = try RemoteEndpoint(url, allowInsecureHTTP: allowInsecureHTTP)
            return nil
        } catch {
            return error.message
        }
    }

    @Test(arguments: [
        "http://u:p4ssw0rd-secret@127.0.0.1:8080", "https://u:p4ssw0rd-secret@segments.example.com",
        "https://:p4ssw0rd-secret@segments.example.com", "https://p4ssw0rd-secret@segments.example.com",
        "ftp://u:p4ssw0rd-secret@segments.example.com",
    ])
    func userInfoIsRefusedWithoutEchoingIt(url: String) throws {
        let message = try #require(refusal(url, allowInsecureHTTP: true))
        #expect(!message.contains("p4ssw0rd-secret"))
        if !url.hasPrefix("ftp:") {
            #expect(message == "api.url must not contain a user name or password (user:password@); put credentials in the environment variable named by api.tokenEnv (or api.userEnv and api.passwordEnv for ConfigCat)")
        }
    }

    @Test(arguments: [
        "http://localhost", "http://localhost:8080/", "http://LOCALHOST", "http://127.0.0.1", "http://127.255.255.254:1",
        "http://[::1]:8080", "http://[0:0:0:0:0:0:0:1]", "http://[::0:1]", "http://[0000:0000::0001]", "http://[0::1]",
    ])
    func literalLoopbackMayUsePlainHTTP(url: String) {
        #expect(refusal(url) == nil)
    }

    @Test(arguments: [
        "http://api.localhost", "http://evil.localhost:8080", "http://localhost.evil.example", "http://127.0.0.1.nip.io",
        "http://127.attacker.example", "http://127.1", "http://0177.0.0.1", "http://[::2]", "http://[1::1]",
        "http://[::ffff:7f00:1]", "http://128.0.0.1", "http://[::1:0]",
    ])
    func everythingElseNeedsHTTPS(url: String) throws {
        let message = try #require(refusal(url))
        #expect(message.hasPrefix("refusing to send credentials over plain http to "))
        #expect(refusal(url, allowInsecureHTTP: true) == nil)
    }

    @Test func controlCharactersInTheURLAreEscaped() throws {
        let message = try #require(refusal("gopher://segments\u{1B}[2J.example"))
        #expect(message == #"api.url 'gopher://segments\e[2J.example' is not an http:// or https:// URL"#)
    }
}
