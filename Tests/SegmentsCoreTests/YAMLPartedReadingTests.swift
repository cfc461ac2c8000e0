import Testing
@testable import SegmentsCore
import SegmentsTestSupport

extension YAMLDocument.Node: Equatable {
    public static func == (a: Self, b: Self) -> Bool {
        a.kind == b.kind && a.style == b.style && a.start == b.start && a.end == b.end && a.value == b.value
            && a.tag == b.tag && a.firstChild == b.firstChild && a.childCount == b.childCount && a.weight == b.weight
    }
}

/// A big file read in two parts gives exactly the document a whole read gives, or is read
/// whole: checked on every possible cut of hand-written and generated files.
struct YAMLPartedReadingTests {
    static let reader = YAMLReader()

    /// Every cut of `text`: when the parts are joined, the document equals the whole read
    /// (which must then succeed); returns how many cuts were joined.
    @discardableResult
    static func checkEveryCut(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
        let bytes = Array(text.utf8)
        let whole = try? reader.read(bytes)
        var joined = 0
        var start = 0
        while start < bytes.count {
            guard let cut = YAMLReader.listItemLine(in: bytes, from: start) else { break }
            if let parted = reader.readInParts(bytes, cuttingFrom: start) {
                joined += 1
                guard let whole else {
                    Issue.record("joined at byte \(cut.offset), but the whole read fails:\n\(text)", sourceLocation: sourceLocation)
                    return joined
                }
                if !parted.nodes.elementsEqual(whole.nodes) || parted.children != whole.children || parted.root != whole.root || parted.usesAliases != whole.usesAliases {
                    let node = zip(parted.nodes, whole.nodes).enumerated().first { $0.element.0 != $0.element.1 }
                    let detail = node.map { "node \($0.offset): \($0.element.0) vs \($0.element.1)" } ?? "children \(parted.children) vs \(whole.children), counts \(parted.nodes.count) vs \(whole.nodes.count)"
                    Issue.record("joined at byte \(cut.offset) differs from the whole read (\(detail)):\n\(text)", sourceLocation: sourceLocation)
                    return joined
                }
            }
            start = cut.offset
        }
        return joined
    }

    @Test(arguments: [
        // Plain lists at every indentation, with CRLF, comments, blank lines, and a document marker.
        "name: a\nuserIds:\n  - u1\n  - u2\n  - u3\n  - u4\n",
        "name: a\nuserIds:\n- u1\n- u2\n- u3\n",
        "---\nname: a\nuserIds:\n    - u1\n    # note\n\n    - u2\n    - u3   # trailing\n# end\n",
        "name: a\r\nuserIds:\r\n  - u1\r\n  - u2\r\n  - u3\r\n",
        // Expiring items, flow and block, and empty collections at the cut.
        "name: a\nuserIds:\n  - u1\n  - {id: u2, expires: 2026-12-31}\n  - {}\n  - []\n  - id: u3\n    expires: 2027-01-01\n  - u4\n",
        // Nested lists, multi-line plain and quoted scalars, block scalars.
        "name: a\nuserIds:\n  - - x\n    - y\n  - u1\n    continued\n  - \"quoted\n  - still quoted\"\n  - |\n    - literal\n  - u2\n",
        // A list that is not last, a list inside a block scalar, a list under a nested key.
        "name: a\nuserIds:\n  - u1\n  - u2\ncompanyIds:\n  - c1\n  - c2\n",
        "description: |\n  - not\n  - a list\nname: a\n",
        "name: a\nnested:\n  list:\n    - u1\n    - u2\n",
        "name: a\nuserIds: [u1,\n  - u2]\n",
        // Aliases and tags: read whole.
        "name: &n a\nuserIds:\n  - u1\n  - *n\n  - !!str u3\n",
        // The list closed by a shallower line, or by the end of the document, before the end.
        "name: a\nuserIds:\n  - u1\n  - u2\n  - u3\n ",
        "name: a\nuserIds:\n  - u1\n  - u2\n # c\n...\n",
        // Errors after the cut.
        "name: a\nuserIds:\n  - u1\n  - u2\n  key: v\n",
        "name: a\nuserIds:\n  - u1\n  - u2\n---\nname: b\n",
        "name: a\nuserIds:\n  - u1\n  - [unclosed\n",
        "name: a\nuserIds:\n  - u1\n  - u2\n\t- tab\n",
    ])
    func handWrittenFiles(_ text: String) {
        Self.checkEveryCut(text)
    }

    @Test func aCutLookedForOutsideTheFileFindsNone() {
        let bytes = Array("name: a\nuserIds:\n  - u1\n  - u2\n".utf8)
        #expect(Self.reader.readInParts(bytes, cuttingFrom: bytes.count + 10) == nil)
        #expect(Self.reader.readInParts(bytes, cuttingFrom: -5) == nil, "cut at the first item: no list before it to join onto")
        #expect(Self.reader.readInParts(bytes, cuttingFrom: 18) != nil, "cut at the second item")
        #expect(Self.reader.readInParts([], cuttingFrom: 0) == nil)
    }

    @Test func plainListsAreJoinedAtEveryItem() {
        let text = "name: big\nuserIds:\n" + (0..<50).map { "  - user-\($0)\n" }.joined()
        #expect(Self.checkEveryCut(text) == 49)
        let expiring = "name: big\nuserIds:\n" + (0..<50).map { $0 % 3 == 0 ? "  - {id: user-\($0), expires: 2099-12-31}\n" : "  - user-\($0)\n" }.joined()
        #expect(Self.checkEveryCut(expiring) == 49)
    }

    @Test func generatedFilesReadTheSameInParts() {
        var generator = SeededRandom(seed: 2026)
        // Items a list of a segment file holds, then pieces that end it, break it or hide it.
        let items = [
            "  - u0\n", "  - {id: u1, expires: 2026-12-31}\n", "  - id: u2\n    expires: 2027-01-01\n", "  # comment\n", "\n",
            "  - \"q\n    q\"\n", "  - |\n    - lit\n", "  - >-\n    folded\n\n", "  - - n1\n    - n2\n", "  - 'it''s'\n",
            "  - [a, b]\n", "  - {a: [1,\n    2]}\n", "  -\n", "  - a: 1\n    b: 2\n", "  - cr\r\n", "  - x # c\n", "  - ü\n",
            "  - plain\n    continued\n", "  - a: - b\n", "  - ? k\n    : v\n", "  - |+\n    kept\n\n",
        ]
        let odd = [
            "  - \"q\n  - q\"\n", "- z\n", "    - deep\n", "other: x\n", "  - &x anchored\n", "  - *x\n", "  - !!str t\n", "\r\n",
            "---\n", "...\n", "  key: v\n", "  -x\n", "\t- t\n", "  - \u{2028}\n", "  - [open\n", "companyIds:\n", " \n", " ", " # c\n",
        ]
        var joined = 0
        var wholeReads = 0
        for _ in 0..<1_500 {
            var text = ["name: g\nuserIds:\n", "userIds:\n", "description: |\n", "name: g\nuserIds:\n- first\n"].randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 1...14, using: &generator) {
                text += (Int.random(in: 0..<8, using: &generator) == 0 ? odd : items).randomElement(using: &generator)!
            }
            if (try? Self.reader.read(Array(text.utf8))) != nil { wholeReads += 1 }
            joined += Self.checkEveryCut(text)
        }
        #expect(wholeReads > 500 && joined > 1_000, "most generated files read, and join somewhere: \(wholeReads) read, \(joined) joins")
    }

    @Test func aBigFileIsReadInPartsAndTheSame() throws {
        let text = "name: big\nuserIds:\n" + (0..<60_000).map { $0 % 10 == 0 ? "  - {id: user-\($0), expires: 2099-12-31}\n" : "  - user-\($0)\n" }.joined()
        let bytes = Array(text.utf8)
        #expect(bytes.count >= YAMLReader.partedReadSize)
        let parted = try #require(Self.reader.readInParts(bytes))
        var whole: YAMLDocument?
        bytes.withUnsafeBufferPointer { buffer in
            var state = ReadState(reader: Self.reader, input: buffer)
            whole = try? state.run().get()
        }
        #expect(parted.nodes.elementsEqual(whole?.nodes ?? .init(head: [])))
        #expect(parted.children == whole?.children)
        #expect(try Self.reader.read(bytes).nodes.elementsEqual(whole?.nodes ?? .init(head: [])))
    }
}
