import Foundation
import Testing
@testable import SegmentsCore

/// JSON text as every JSON format writes it: byte-stable, escaped where it must be.
struct JSONValueTests {
    @Test(arguments: [
        ("user-123", #""user-123""#),
        ("", #""""#),
        ("say \"hi\"", #""say \"hi\"""#),
        (#"back\slash"#, #""back\\slash""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("bell\u{7}", #""bell\u0007""#),
        ("esc\u{1B}[31m", #""esc\u001b[31m""#),
        ("del\u{7F}", #""del\u007f""#),
        ("José", #""José""#),
        ("rtl\u{202E}txt", #""rtl\u202etxt""#),
        ("emoji 👩‍💻", #""emoji 👩‍💻""#),
    ])
    func stringsAreEscapedWhereTheyMustBe(_ text: String, _ json: String) throws {
        #expect(JSONValue.string(text).serialized() == json)
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [String]
        #expect(decoded == [text], "the text reads back as it was")
    }

    @Test func nestingIsIndentedByTwoSpacesAtAnyDepth() {
        var value = JSONValue.array([.int(1)])
        for _ in 0..<20 { value = .object([("k", value)]) }
        let lines = value.serialized().split(separator: "\n")
        #expect(lines.count == 43)
        #expect(lines[21] == String(repeating: "  ", count: 21) + "1")
        #expect(lines.last == "}")
        #expect(JSONValue.object([("a", .array([.null, .bool(true)]))]).serialized(pretty: false) == #"{"a":[null,true]}"#)
    }
}
