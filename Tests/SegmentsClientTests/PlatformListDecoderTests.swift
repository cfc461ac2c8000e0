import Foundation
@testable import SegmentsClient
import SegmentsCore
import SegmentsTestSupport
import Testing

/// The byte-level platform list decoder gives what JSONDecoder gives, on fixtures, on
/// generated documents and on their corruptions.
struct PlatformListDecoderTests {
    /// What JSONDecoder makes of `bytes` (the decoder the byte-level one replaces), nil when it fails.
    static func foundation(_ bytes: [UInt8]) -> [RemoteSegment]? {
        (try? JSONDecoder().decode([PlatformWireFormat.Segment].self, from: Data(bytes)))?.map(\.remote)
    }

    /// What the byte-level decoder makes of `bytes`.
    static func scanner(_ bytes: [UInt8]) -> Result<[RemoteSegment], JSONScanner.Failure> {
        bytes.withUnsafeBytes { raw in Result { () throws(JSONScanner.Failure) -> [RemoteSegment] in try PlatformListDecoder.decode(raw) } }
    }

    /// Both decoders agree on `bytes`: the same segments, or both fail.
    static func agree(_ bytes: [UInt8]) -> Bool {
        switch (foundation(bytes), scanner(bytes)) {
        case (let expected?, .success(let decoded)): expected == decoded
        case (nil, .failure): true
        default: false
        }
    }

    /// Why the scanner may refuse what JSONDecoder accepts: JSONDecoder checks only what it
    /// decodes, so it lets through text that is not JSON (a trailing comma, a malformed
    /// number, a broken string in a field nobody reads); the scanner checks it all.
    static let strictnessReasons = [
        "expected a string", "expected a JSON value", "invalid number", "invalid escape in a string",
        "invalid \\u escape", "unterminated \\u escape", "a control character in a string (it must be escaped)",
        "invalid UTF-8 in a string", "a high surrogate escape without its low surrogate",
        "a low surrogate escape without its high surrogate",
    ]

    /// The scanner agrees with JSONDecoder on `bytes`, or refuses, for a reason of strictness,
    /// a document JSONDecoder lets pass. It never accepts what JSONDecoder refuses.
    static func agreeOrStricter(_ bytes: [UInt8]) -> Bool {
        switch (foundation(bytes), scanner(bytes)) {
        case (let expected?, .success(let decoded)): expected == decoded
        case (nil, .failure): true
        case (_?, .failure(let failure)): strictnessReasons.contains { failure.reason.hasPrefix($0) }
        case (nil, .success): false
        }
    }

    static let full = #"""
        [{"id":"c1","name":"beta","description":"Early \"access\"","isActive":false,
          "userIds":["user-1","user-2"],"companyIds":[],"createdAt":"2025-12-01T00:00:00.000Z",
          "updatedAt":"2025-12-02T00:00:00.000Z","memberCount":2,"owner":{"id":7,"tags":[1,2.5e-3,-0,true,null,{}]}},
         {"id":"c2","name":"nulls","description":null,"isActive":null,"userIds":null,"companyIds":null,"updatedAt":null},
         {"name":"missing optionals","id":"c3"}]
        """#

    /// Documents both decoders accept, each with what it tests.
    static let valid: [(String, String)] = [
        ("empty list", "[]"),
        ("whitespace everywhere", " \t\r\n[ \n{ \"id\" : \"a\" , \"name\" : \"b\" } \r\n] \n"),
        ("every field, unknown fields of every kind, nulls, missing optionals", full),
        ("escapes, a surrogate pair, raw UTF-8", #"[{"id":"\u0063\/\\","name":"\"\b\f\n\r\t\u00e9\ud83d\ude00 é 😀 日本","userIds":["\u0000",""]}]"#),
        ("a key written with escapes", #"[{"\u0069d":"a","n\u0061me":"b"}]"#),
        ("a repeated key keeps its first value", #"[{"id":"a","name":"first","name":"last","name":7,"id":null}]"#),
        ("huge and odd numbers in a skipped field", #"[{"id":"a","name":"b","x":[1e999999,-1E-999999,123456789012345678901234567890,0.0,-0]}]"#),
        ("nesting 500 deep in a skipped field", "[{\"id\":\"a\",\"name\":\"b\",\"x\":" + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + "}]"),
    ]

    /// Documents both decoders refuse, each with what it tests.
    static let invalid: [(String, String)] = [
        ("nothing", ""),
        ("an object instead of a list", #"{"id":"a","name":"b"}"#),
        ("unterminated list", #"[{"id":"a","name":"b"}"#),
        ("text after the list", #"[{"id":"a","name":"b"}] x"#),
        ("no id", #"[{"name":"b"}]"#),
        ("no name", #"[{"id":"a"}]"#),
        ("null name", #"[{"id":"a","name":null}]"#),
        ("numeric id", #"[{"id":1,"name":"b"}]"#),
        ("a null segment", "[null]"),
        ("a number for a segment", "[1]"),
        ("a null member ID", #"[{"id":"a","name":"b","userIds":[null]}]"#),
        ("a string for a flag", #"[{"id":"a","name":"b","isActive":"true"}]"#),
        ("a string for a list", #"[{"id":"a","name":"b","userIds":"u"}]"#),
        ("a lone high surrogate", #"[{"id":"a","name":"\ud800"}]"#),
        ("a lone low surrogate", #"[{"id":"a","name":"\udc00"}]"#),
        ("a high surrogate and a non-surrogate", #"[{"id":"a","name":"\ud800\u0041"}]"#),
        ("an unknown escape", #"[{"id":"a","name":"\x41"}]"#),
        ("a short \\u escape", #"[{"id":"a","name":"\u41"}]"#),
        ("a raw control character", "[{\"id\":\"a\",\"name\":\"a\u{1}b\"}]"),
        ("a raw newline", "[{\"id\":\"a\",\"name\":\"a\nb\"}]"),
        ("single quotes", "[{'id':'a','name':'b'}]"),
        ("a plus sign", #"[{"id":"a","name":"b","x":+1}]"#),
        ("NaN", #"[{"id":"a","name":"b","x":NaN}]"#),
        ("a misspelt literal", #"[{"id":"a","name":"b","x":nul}]"#),
        ("a comment", "[/* c */]"),
        ("nesting 100,000 deep", "[{\"id\":\"a\",\"name\":\"b\",\"x\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}]"),
        ("nesting 100,000 deep, unterminated", "[{\"id\":\"a\",\"name\":\"b\",\"x\":" + String(repeating: "{\"a\":", count: 100_000)),
    ]

    /// Documents JSONDecoder lets pass (it checks only what it decodes) and the scanner
    /// refuses: they are not JSON, and a server that writes them is broken.
    static let notJSON: [(String, String)] = [
        ("trailing comma in an object", #"[{"id":"a","name":"b",}]"#),
        ("trailing comma in the list", #"[{"id":"a","name":"b"},]"#),
        ("a leading zero", #"[{"id":"a","name":"b","x":01}]"#),
        ("a bare minus", #"[{"id":"a","name":"b","x":-}]"#),
        ("a dot without digits", #"[{"id":"a","name":"b","x":1.}]"#),
        ("an exponent without digits", #"[{"id":"a","name":"b","x":1e}]"#),
        ("a bad escape in a skipped field", #"[{"id":"a","name":"b","x":"\x"}]"#),
        ("a lone surrogate in a skipped field", #"[{"id":"a","name":"b","x":"\ud800"}]"#),
        ("a raw control character in a skipped field", "[{\"id\":\"a\",\"name\":\"b\",\"x\":\"\u{1}\"}]"),
        ("a trailing comma in a skipped list", #"[{"id":"a","name":"b","x":[1,]}]"#),
    ]

    @Test(arguments: valid)
    func acceptsWhatJSONDecoderAccepts(what: String, text: String) throws {
        let bytes = Array(text.utf8)
        let expected = try #require(Self.foundation(bytes), "JSONDecoder refuses the fixture '\(what)'")
        #expect(try Self.scanner(bytes).get() == expected, "\(what)")
    }

    @Test(arguments: invalid)
    func refusesWhatJSONDecoderRefuses(what: String, text: String) {
        let bytes = Array(text.utf8)
        #expect(Self.foundation(bytes) == nil, "JSONDecoder accepts the fixture '\(what)'")
        #expect(throws: JSONScanner.Failure.self, "\(what)") { try Self.scanner(bytes).get() }
    }

    @Test(arguments: notJSON)
    func refusesWhatIsNotJSONThoughJSONDecoderLetsItPass(what: String, text: String) {
        let bytes = Array(text.utf8)
        #expect(Self.foundation(bytes) != nil, "JSONDecoder refuses the fixture '\(what)'")
        #expect(throws: JSONScanner.Failure.self, "\(what)") { try Self.scanner(bytes).get() }
    }

    /// Overlong forms, surrogates, scalars above U+10FFFF, stray and missing continuation
    /// bytes: refused in a field segctl reads (as JSONDecoder does) and in one it skips.
    @Test func invalidUTF8IsRefused() {
        for bad: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3], [0x80]] {
            for field in ["description", "x"] {
                let bytes = Array(#"[{"id":"a","name":"b","\#(field)":"é"#.utf8) + bad + Array(#"\u0041"}]"#.utf8)
                #expect(throws: JSONScanner.Failure.self, "\(bad) in \(field)") { try Self.scanner(bytes).get() }
                if field == "description" { #expect(Self.foundation(bytes) == nil) }
            }
        }
    }

    @Test func everyTruncationOfADocumentIsRefused() {
        let bytes = Array(Self.full.utf8)
        for length in 0..<bytes.count {
            let cut = Array(bytes[..<length])
            // Cutting only trailing whitespace leaves a whole document.
            guard !bytes[length...].allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) else { continue }
            #expect(throws: JSONScanner.Failure.self, "cut at \(length)") { try Self.scanner(cut).get() }
        }
    }

    @Test func aFailureSaysWhereAndWhat() {
        let bytes = Array(#"[{"id":"a","name":"b"},{"id":"c","name":7}]"#.utf8)
        #expect(throws: JSONScanner.Failure(offset: 40, reason: "expected a string")) { try Self.scanner(bytes).get() }
    }

    @Test func generatedDocumentsDecodeAsWithJSONDecoder() {
        var random = SeededRandom(seed: 20_251_201)
        for round in 0..<400 {
            let document = RandomSegmentList.make(using: &random)
            #expect(Self.foundation(document) != nil, "round \(round): JSONDecoder refuses a generated document")
            #expect(Self.agree(document), "round \(round): \(String(decoding: document, as: UTF8.self))")
        }
    }

    @Test func corruptedDocumentsFailOrDecodeAsWithJSONDecoder() {
        var random = SeededRandom(seed: 7)
        for round in 0..<3_000 {
            let document = RandomSegmentList.corrupt(RandomSegmentList.make(using: &random, maxSegments: 3), using: &random)
            #expect(Self.agreeOrStricter(document), "round \(round): \(String(decoding: document, as: UTF8.self).debugDescription)")
        }
    }
}
