import Foundation
import Testing
@testable import SegmentsCore

struct YAMLReaderTests {
    let reader = YAMLReader()

    @Test func marksAreOneBasedLinesAndColumns() throws {
        let document = try reader.read(Array("name: a\nuserIds:\n  - user-1   # c\n  - 'user-2'\n".utf8))
        let pairs = document.pairs(of: document.root)
        #expect(pairs.count == 2)
        let items = document.items(of: pairs[1].value).map { document[Int($0)] }
        #expect(items.map(\.value) == ["user-1", "user-2"])
        #expect(items[0].start == YAMLMark(line: 3, column: 5))
        #expect(items[1].start == YAMLMark(line: 4, column: 5))
        #expect(items[1].style == .singleQuoted)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let document = try reader.read(Array("é: [x, ü]\n".utf8))
        let value = document.pairs(of: document.root)[0].value
        let items = document.items(of: value).map { document[Int($0)] }
        #expect(items[1].start == YAMLMark(line: 1, column: 8))
    }

    @Test func unquotedNumbersKeepTheirText() throws {
        let document = try reader.read(Array("- 007\n- 1e3\n- 0x1F\n".utf8))
        let values = document.items(of: document.root).map { document[Int($0)].value }
        #expect(values == ["007", "1e3", "0x1F"])
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = level == 1 ? "a" : "l\(level - 1)"
            text += "l\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(text.utf8.count < 1_000)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: YAMLError.self) { try reader.read(Array(text.utf8)) }
        do {
            _ = try reader.read(Array(text.utf8))
        } catch {
            #expect(error.kind == .aliasBomb)
            #expect(error.message.contains("billion laughs"))
        }
        #expect(clock.now - start < .milliseconds(500))
    }

    @Test func recursiveAliasIsRefused() {
        #expect(throws: YAMLError.self) { try reader.read(Array("a: &x [*x]\n".utf8)) }
    }

    @Test func deepNestingIsRefusedWithItsMark() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try reader.read(Array(text.utf8))
            Issue.record("deep nesting was accepted")
        } catch {
            #expect(error.kind == .tooDeep)
            #expect(error.mark == YAMLMark(line: 1, column: 65))
        }
    }

    @Test func invalidUTF8NamesTheByte() {
        do {
            _ = try reader.read([0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A])
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.message.hasPrefix("invalid UTF-8"))
            #expect(error.mark.line == 1)
        }
    }

    @Test func controlCharactersSuggestABinaryFile() {
        do {
            _ = try reader.read([0x61, 0x3A, 0x20, 0x01, 0x02, 0x0A])
            Issue.record("control characters were accepted")
        } catch {
            #expect(error.message.contains("binary file"))
        }
    }

    /// Errors found while decoding (invalid UTF-8, control characters) carry only a byte
    /// offset; its line and column must count as libyaml counts every other mark. Found by
    /// `scripts/fuzz validate` (Tests/SegmentsFuzzingTests/Findings/validate/
    /// reader-error-after-cr-line-break.yaml): a CR line break was not counted, so the column
    /// ran past the end of the line.
    @Test(arguments: [
        ([0x61, 0x3A, 0x20, 0x62, 0x0D, 0xFF] as [UInt8], YAMLMark(line: 2, column: 1)),
        ([0x61, 0x3A, 0x20, 0x62, 0x0D, 0x0A, 0x63, 0x01], YAMLMark(line: 2, column: 2)),
        ([0x61, 0x0D, 0x0D, 0xC2, 0x85, 0xE2, 0x80, 0xA8, 0xE2, 0x80, 0xA9, 0x0A, 0x01], YAMLMark(line: 7, column: 1)),
        ([0xEF, 0xBB, 0xBF, 0x61, 0x3A, 0x20, 0xFF], YAMLMark(line: 1, column: 4)),
        ([0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00, 0x0D, 0x00, 0x62, 0x00, 0x00, 0xD8, 0x0A, 0x00], YAMLMark(line: 2, column: 2)),
    ])
    func decodingErrorsAreLocatedAsLibyamlCountsLines(_ bytes: [UInt8], _ mark: YAMLMark) {
        do {
            _ = try reader.read(bytes)
            Issue.record("the input was accepted")
        } catch {
            #expect(error.mark == mark, "\(error.message)")
        }
    }

    @Test func utf16WithByteOrderMarkIsRead() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "name: a\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let document = try reader.read(bytes)
        #expect(document[document.pairs(of: document.root)[0].value].value == "a")
    }

    @Test func emptyInputIsEmpty() {
        do {
            _ = try reader.read([])
            Issue.record("empty input was accepted")
        } catch {
            #expect(error.kind == .empty)
        }
    }
}

/// What a node costs in memory: a file of 100,000 IDs is 100,000 nodes.
struct YAMLNodeSizeTests {
    @Test func aNodeTakesFortyEightBytes() {
        #expect(MemoryLayout<YAMLDocument.Node>.stride == 48)
    }

    @Test(arguments: [
        ("a: !!int 5", YAMLDocument.Node.Tag.int, ScalarType.integer),
        ("a: !!float 5", .float, .float),
        ("a: !!bool yes", .bool, .bool),
        ("a: !!null x", .null, .null),
        ("a: !!str 5", .other, .string),
        ("a: !custom 5", .other, .string),
        ("a: 5", .none, .integer),
    ] as [(String, YAMLDocument.Node.Tag, ScalarType)])
    func tagsDecideTheScalarType(text: String, tag: YAMLDocument.Node.Tag, type: ScalarType) throws {
        let document = try YAMLReader().read(Array(text.utf8))
        let value = document[document.pairs(of: document.root)[0].value]
        #expect(value.tag == tag)
        #expect(ScalarType(of: value) == type)
    }
}
