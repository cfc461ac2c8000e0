@testable import SegmentsClient
import Testing

/// The formats the client reads and writes by hand since it links FoundationEssentials only
/// (no DateFormatter, no percent-encoding API, no String(format:)); each pinned against what
/// Foundation gave.
struct HandWrittenFormatsTests {
    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777.0),
        ("Sat, 28 Nov 2026 10:00:00 GMT", 1_795_860_000.0),
        ("Thu, 29 Feb 2024 23:59:59 UTC", 1_709_251_199.0),
        ("2026-11-28T10:00:00Z", 1_795_860_000.0),
        ("2026-11-28T10:00:00.250Z", 1_795_860_000.25),
        ("2026-11-28T11:00:00+01:00", 1_795_860_000.0),
    ])
    func retryAfterDatesAreRead(_ text: String, _ seconds: Double) {
        #expect(HTTPDate.parse(text) == seconds)
    }

    @Test(arguments: ["", "120", "Sun, 06 Nov 1994 08:49:37 PST", "Sun 06 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                      "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "2026-11-28", "tomorrow"])
    func otherTextIsNotADate(_ text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test func pathSegmentsEncodeEverythingButPathCharacters() {
        #expect(HTTPReply.pathSegment("seg-1_a.b~c") == "seg-1_a.b~c")
        #expect(HTTPReply.pathSegment("a/b?c#d e%") == "a%2Fb%3Fc%23d%20e%25")
        #expect(HTTPReply.pathSegment("x:y@z!$&'()*+,;=") == "x:y@z!$&'()*+,;=")
        #expect(HTTPReply.pathSegment("é\u{0}") == "%C3%A9%00")
    }

    @Test func secondsAreShownWithOneDecimalBelowTen() {
        #expect(HTTPTransport.seconds(3) == "3 s")
        #expect(HTTPTransport.seconds(1.5) == "1.5 s")
        #expect(HTTPTransport.seconds(0.26) == "0.3 s")
        #expect(HTTPTransport.seconds(12.4) == "12 s")
    }

    @Test(arguments: [
        ("a@x.io,b@x.io", ["a@x.io", "b@x.io"]),
        (" a@x.io , b@x.io\t,,\u{00A0}c@x.io", ["a@x.io", "b@x.io", "c@x.io"]),
        ("a,\u{0301}b", ["a", "\u{0301}b"]),
        (",", []),
        ("", []),
    ] as [(String, [String])])
    func listComparisonValuesSplitOnCommasAsTheSDKsDo(_ wire: String, _ items: [String]) {
        #expect(ConfigCatWireFormat.value(wire, comparator: "isOneOf") == .list(items))
        #expect(ConfigCatWireFormat.value(wire, comparator: "numberEquals") == .string(wire))
    }
}
