import NIOCore
@testable import SegmentsClient
import SegmentsCore
import SegmentsTestSupport
import Testing

/// The streaming list decoder gives exactly what the whole-body decoder gives (the same
/// segments, or the same failure at the same offset) however the body is cut into chunks.
struct PlatformListStreamTests {
    /// What the stream makes of `bytes` delivered in chunks of the given sizes (repeated).
    static func streamed(_ bytes: [UInt8], chunks: [Int]) -> Result<[RemoteSegment], JSONScanner.Failure> {
        var stream = PlatformListStream(expectedLength: bytes.count)
        var offset = 0
        var index = 0
        while offset < bytes.count {
            let length = min(chunks[index % chunks.count], bytes.count - offset)
            stream.consume(ByteBuffer(bytes: bytes[offset..<offset + length]))
            offset += length
            index += 1
        }
        return stream.finish()
    }

    /// Chunkings that cut every object, string and escape somewhere.
    static let chunkings: [[Int]] = [[1], [2], [3], [7], [64], [1, 5, 2, 11], [65_536]]
    /// For long documents (the 100,000-deep fixtures), chunkings that keep the test quick.
    static let longChunkings: [[Int]] = [[7], [1, 5, 2, 11, 4093], [65_536]]

    /// The stream agrees with the whole-body decoder on `bytes` for every chunking.
    static func check(_ bytes: [UInt8], _ what: String) {
        let whole = PlatformListDecoderTests.scanner(bytes)
        for chunks in bytes.count > 10_000 ? longChunkings : chunkings {
            #expect(streamed(bytes, chunks: chunks) == whole, "\(what), chunks of \(chunks)")
        }
    }

    /// Failures whose offset depends on where an object starts, and whitespace around it.
    static let placed: [(String, String)] = [
        ("no name after whitespace, first object", #"[  {"id":"a"}]"#),
        ("no name after whitespace, second object", #"[{"id":"a","name":"b"},  {"id":"c"} ]"#),
        ("no id, second object on its own line", "[{\"id\":\"a\",\"name\":\"b\"},\n  {\"name\":\"c\"}]"),
        ("a separator missing", #"[{"id":"a","name":"b"} {"id":"c","name":"d"}]"#),
        ("whitespace only", " \n "),
        ("a list opened, then whitespace", "[  "),
        ("a list and a comma", "[{\"id\":\"a\",\"name\":\"b\"}, "),
        ("a brace closing an array", #"[{"id":"a","name":"b","x":[1}],{"id":"c","name":"d"}]"#),
        ("a quote inside a \\u escape", #"[{"id":"a","name":"\u00"},{"id":"c","name":"d"}]"#),
        ("an escaped quote before the closing brace", #"[{"id":"a","name":"b\"}"},{"id":"c","name":"d"}]"#),
        ("text after the end", "[] ]"),
        // Found by `scripts/fuzz responses` (Tests/SegmentsFuzzingTests/Findings/responses/
        // escape-cut-by-object-end.json): decoded alone, the object ends inside the escape
        // ("unterminated"); the whole body has bytes after it ("invalid" at the quote).
        ("a \\u escape cut by the object's end", #"[{"\ud"},{"id":"c","name":"d"}]"#),
        ("a \\u escape cut by the object's end, last object", #"[{"id":"a","name":"b"},{"\ud"}]"#),
    ]

    @Test func agreesOnEveryFixture() {
        for (what, text) in PlatformListDecoderTests.valid + PlatformListDecoderTests.invalid + PlatformListDecoderTests.notJSON + Self.placed {
            Self.check(Array(text.utf8), what)
        }
    }

    @Test func agreesOnEveryTruncation() {
        let bytes = Array(PlatformListDecoderTests.full.utf8)
        for length in 0...bytes.count {
            Self.check(Array(bytes[..<length]), "cut at \(length)")
        }
    }

    @Test func agreesOnGeneratedAndCorruptedDocuments() {
        var random = SeededRandom(seed: 20_261_128)
        for round in 0..<100 {
            let document = RandomSegmentList.make(using: &random)
            Self.check(document, "round \(round)")
            Self.check(RandomSegmentList.corrupt(document, using: &random), "round \(round), corrupted")
        }
    }

    @Test func keepsTheBodysFirstBytesForMessages() throws {
        let bytes = Array(repeating: UInt8(ascii: " "), count: 10_000) + Array("[]".utf8)
        var stream = PlatformListStream(expectedLength: nil)
        for start in stride(from: 0, to: bytes.count, by: 1000) {
            stream.consume(ByteBuffer(bytes: bytes[start..<min(bytes.count, start + 1000)]))
        }
        #expect(stream.keptBytes == ByteBuffer(bytes: bytes.prefix(ServerText.redactionMargin)))
        #expect(try stream.finish().get() == [])
    }
}
