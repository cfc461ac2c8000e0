@testable import SegmentsClient
import SegmentsCore
import Testing

/// Request bodies written as bytes are the bytes `JSONValue` writes.
struct JSONBodyWriterTests {
    /// Strings with everything JSON or a terminal treats specially.
    static let strings = [
        "", "user-123", "a \"quoted\" \\ back", "line\nbreak\r\ttab", "\u{0}\u{1}\u{1B}[31m\u{1F}\u{7F}",
        "\u{80}\u{9F} C1", "é 日本 😀", "bidi \u{202E}evil\u{202C} \u{2066}\u{2069} \u{061C}\u{200E}\u{200F}", "\u{2028}\u{FEFF}",
    ]

    @Test func stringsAreWrittenAsJSONValueWritesThem() {
        for text in Self.strings {
            let written = JSONBodyWriter.object { json in
                json.key(text)
                json.strings([text, "plain", text])
            }
            let expected = JSONValue.object([(text, .strings([text, "plain", text]))]).serialized(pretty: false)
            #expect(written == Array(expected.utf8), "\(text.debugDescription)")
        }
    }

    @Test func platformBodiesAreWhatJSONValueWrites() {
        let states = [
            SegmentState(name: "beta \"x\"", fields: ["description": .string("d\n"), "isActive": .bool(false), "userIds": .list(["u1", "u\u{1}"]), "companyIds": .list([])]),
            SegmentState(name: "n", fields: ["description": .null]),
        ]
        for state in states {
            for keys in [nil, Set(["name"]), Set(["description", "userIds"]), Set(["isActive", "companyIds"]), Set<String>()] {
                var pairs: [(String, JSONValue)] = []
                func include(_ key: String) -> Bool { keys?.contains(key) ?? true }
                if include("name") { pairs.append(("name", .string(state.name))) }
                if include("description") {
                    if case .string(let text) = state["description"] { pairs.append(("description", .string(text))) } else { pairs.append(("description", .null)) }
                }
                for key in ["userIds", "companyIds"] where include(key) { pairs.append((key, .strings(state[key].listItems ?? []))) }
                if include("isActive") {
                    if case .bool(let flag) = state["isActive"] { pairs.append(("isActive", .bool(flag))) } else { pairs.append(("isActive", .bool(true))) }
                }
                let expected = Array(JSONValue.object(pairs).serialized(pretty: false).utf8)
                #expect(PlatformWireFormat.body(state, keys: keys) == expected, "\(state.name) \(String(describing: keys))")
            }
        }
    }
}
