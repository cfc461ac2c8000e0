import Foundation
import Testing
@testable import SegmentsCore
import SegmentsTestSupport

/// members and fmt pin the exact bytes they write: golden files per fixture and operation.
struct EditingTests {
    static let fixtures = Fixtures.names(in: "editing")
    static let operations: [(String, MemberListEditor.Operation)] = [
        ("add", .add(["user-2b", "user-0", "user-2"])),
        ("remove", .remove(["user-2", "user-404"])),
        ("set", .set(["user-3", "user-1", "user-9", "user-1"])),
        ("clear", .set([])),
    ]
    let editor = MemberListEditor(schema: PlatformTarget.schema)

    @Test(arguments: fixtures)
    func membersGolden(_ name: String) throws {
        let bytes = try Fixtures.bytes("editing", name)
        let base = name.replacingOccurrences(of: ".yaml", with: "")
        for (label, operation) in Self.operations {
            let edit = try editor.apply(operation, key: "userIds", to: bytes, file: name)
            let (expected, actual) = try Golden.check(String(decoding: edit.bytes, as: UTF8.self), against: "editing/\(base).\(label).yaml")
            #expect(actual == expected, "\(name) \(label)")
            let report = Validator(config: TargetCatalogue.defaultConfig()).validate([SourceFile(path: name, bytes: edit.bytes)])
            #expect(report.diagnostics.filter { $0.severity == .error && $0.rule != "id-format" }.isEmpty, "\(name) \(label) still parses")
        }
    }

    @Test(arguments: fixtures)
    func fmtGolden(_ name: String) throws {
        let bytes = try Fixtures.bytes("editing", name)
        let formatted = try SegmentFormatter(schema: PlatformTarget.schema).format(bytes, file: "f.yaml")
        let (expected, actual) = try Golden.check(String(decoding: formatted, as: UTF8.self), against: "editing/\(name.replacingOccurrences(of: ".yaml", with: "")).fmt.yaml")
        #expect(actual == expected)
        #expect(try SegmentFormatter(schema: PlatformTarget.schema).format(formatted, file: "f.yaml") == formatted, "fmt is idempotent")
        let before = Validator(config: TargetCatalogue.defaultConfig()).validate([SourceFile(path: name, bytes: bytes)]).segments.first?.state
        let after = Validator(config: TargetCatalogue.defaultConfig()).validate([SourceFile(path: name, bytes: formatted)]).segments.first?.state
        #expect(before.map { Self.setForm($0) } == after.map { Self.setForm($0) }, "fmt keeps the meaning")
    }

    static func setForm(_ state: SegmentState) -> [String: String] {
        state.fields.mapValues { value in
            if case .list(let items) = value { return Set(items).sorted().joined(separator: ",") }
            return value.displayText
        }.merging(["name": state.name]) { a, _ in a }
    }

    @Test func reportsWhatChanged() throws {
        let bytes = try Fixtures.bytes("editing", "comments.yaml")
        let edit = try editor.apply(.set(["user-1", "user-4"]), key: "userIds", to: bytes, file: "c.yaml")
        #expect(edit.added == ["user-4"])
        #expect(edit.removed == ["user-2", "user-3"])
        let remove = try editor.apply(.remove(["user-404"]), key: "userIds", to: bytes, file: "c.yaml")
        #expect(remove.notListed == ["user-404"])
        #expect(remove.bytes == bytes)
    }

    @Test func refusesAliases() throws {
        let bytes = Array("name: a\nlist: &l [user-1]\nuserIds: *l\n".utf8)
        #expect(throws: Diagnostic.self) { try editor.apply(.add(["user-2"]), key: "userIds", to: bytes, file: "a.yaml") }
    }

    @Test func refusesSeveralItemsOnOneLine() throws {
        let bytes = Array("name: a\nuserIds:\n  - user-1\n  - [user-2, user-3]\n".utf8)
        do {
            _ = try editor.apply(.add(["user-4"]), key: "userIds", to: bytes, file: "a.yaml")
            Issue.record("accepted a nested list")
        } catch {
            #expect("\(error.location!): \(error.message)" == "a.yaml:4:5: 'userIds' holds something other than single values")
        }
    }

    @Test func fmtRefusesBrokenYAML() {
        #expect(throws: Diagnostic.self) { try SegmentFormatter(schema: PlatformTarget.schema).format(Array("name: [x\n".utf8), file: "f.yaml") }
    }

    @Test func newIDsAreQuotedWhenTheyNeedIt() throws {
        let edit = try editor.apply(.add(["007", "a: b", "true"]), key: "userIds", to: Array("name: a\nuserIds: []\n".utf8), file: "a.yaml")
        #expect(String(decoding: edit.bytes, as: UTF8.self) == "name: a\nuserIds: [\"007\", \"a: b\", \"true\"]\n")
        let document = try YAMLReader().read(edit.bytes)
        let list = document.pairs(of: document.root)[1].value
        #expect(document.items(of: list).map { document[Int($0)].value } == ["007", "a: b", "true"])
    }

    /// An ID listed twice with two expiries: adding it with an expiry gives both occurrences
    /// that expiry. Only the first was compared, and the second, later one stayed in force.
    /// Found by `scripts/fuzz members` (Tests/SegmentsFuzzingTests/Findings/members/
    /// duplicate-id-two-expiries.txt).
    @Test func reexpiringADuplicatedIDRewritesEveryOccurrence() throws {
        let file = "name: a\nuserIds:\n  - {id: user-1, expires: 2026-12-31}\n  - id: user-1\n    expires: 2027-01-01\n"
        let edit = try editor.apply(.add(["user-1"], expires: Timestamp("2026-12-31")), key: "userIds", to: Array(file.utf8), file: "a.yaml")
        #expect(String(decoding: edit.bytes, as: UTF8.self) == "name: a\nuserIds:\n  - {id: user-1, expires: 2026-12-31}\n  - {id: user-1, expires: 2026-12-31}\n")
    }

    /// A tag or an anchor on the list: emptying it left the property on a line of its own and
    /// the file no longer parsed. Found by `scripts/fuzz members`
    /// (Tests/SegmentsFuzzingTests/Findings/members/tagged-list-emptied.txt).
    @Test(arguments: ["userIds:\n !  # the QA team\n  - user-9\n", "userIds: !!seq\n  - user-9\n", "userIds: &all\n  - user-9\n", "userIds: !!seq [user-9]\n"])
    func taggedOrAnchoredListsAreRefusedUnchanged(_ list: String) {
        let bytes = Array(("name: a\n" + list).utf8)
        do {
            _ = try editor.apply(.remove(["user-9"]), key: "userIds", to: bytes, file: "a.yaml")
            Issue.record("a tagged or anchored list was edited")
        } catch {
            #expect(error.message == "'userIds' carries a YAML tag or anchor; segctl edits only plain lists")
            #expect(error.rule == "not-editable")
        }
    }

    /// In a flow list libyaml reads a leading `:` or `?` as an indicator whatever follows, and
    /// refuses a `:` before a `?`; writing `[:isActive:t]` or `[a:?b]` broke the file. Found by
    /// `scripts/fuzz members` (Tests/SegmentsFuzzingTests/Findings/members/
    /// edit-breaks-flow-node.txt and colon-before-question-mark-in-flow-list.txt).
    @Test func idsLeadingWithAnIndicatorAreQuotedInFlowLists() throws {
        let ids = [":isActive:t", "?x", ":", "a:b", "oisActive:?!company"]
        let edit = try editor.apply(.add(ids), key: "userIds", to: Array("name: flow\nuserIds: []  # everyone\n".utf8), file: "a.yaml")
        #expect(String(decoding: edit.bytes, as: UTF8.self) == "name: flow\nuserIds: [\":\", \":isActive:t\", \"?x\", a:b, \"oisActive:?!company\"]  # everyone\n")
        let document = try YAMLReader().read(edit.bytes)
        let list = document.pairs(of: document.root)[1].value
        #expect(document.items(of: list).map { document[Int($0)].value } == ids.sorted())
    }
}

/// For random lists and edits, the result parses to exactly the expected set and every line
/// that was not an edited item is unchanged and in order.
struct MemberEditPropertyTests {
    @Test(arguments: 0..<60)
    func editsKeepEverythingElse(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &* 31 &+ 5)
        let pool = (0..<30).map { "user-\(String($0, radix: 36))" }
        var ids = pool.filter { _ in Int.random(in: 0..<3, using: &random) == 0 }
        if Bool.random(using: &random) { ids.sort(by: MemberOrder.precedes) } else { ids.shuffle(using: &random) }
        var text = "# header\nname: prop\n\nuserIds:\n"
        for id in ids {
            if Int.random(in: 0..<4, using: &random) == 0 { text += "  # about \(id)\n" }
            text += "  - \(id)" + (Bool.random(using: &random) ? "   # note \(id)" : "") + "\n"
            if Int.random(in: 0..<6, using: &random) == 0 { text += "\n" }
        }
        if ids.isEmpty { text = "# header\nname: prop\n\nuserIds: []\n" }
        text += "companyIds: []\n# tail\n"
        let input = pool.filter { _ in Int.random(in: 0..<3, using: &random) == 0 }
        let (operation, expected): (MemberListEditor.Operation, Set<String>) = switch Int.random(in: 0..<3, using: &random) {
        case 0: (.add(input), Set(ids).union(input))
        case 1: (.remove(input), Set(ids).subtracting(input))
        default: (.set(input), Set(input))
        }
        let original = Array(text.utf8)
        let edit = try MemberListEditor(schema: PlatformTarget.schema).apply(operation, key: "userIds", to: original, file: "p.yaml")
        let document = try YAMLReader().read(edit.bytes)
        let list = document.pairs(of: document.root).first { document[$0.key].value == "userIds" }!.value
        let result = document.items(of: list).map { document[Int($0)].value }
        #expect(Set(result) == expected)
        // Every original line that is not a removed item survives, in order.
        let removed = Set(edit.removed)
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !removed.contains(where: { line.hasPrefix("  - \($0)") && (line.count == "  - \($0)".count || line.dropFirst("  - \($0)".count).first == " ") })
        }
        var output = String(decoding: edit.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)[...]
        var missing: [Substring] = []
        for line in kept {
            if let index = output.firstIndex(of: line) { output = output[(index + 1)...] } else { missing.append(line) }
        }
        let emptied = result.isEmpty && !ids.isEmpty
        #expect(missing.isEmpty || (emptied && missing == ["userIds:"]), "lines lost: \(missing)")
    }
}

/// Inputs that once broke the editors (from a review): each must be edited correctly or
/// refused, never corrupted.
struct EditingRegressionTests {
    let editor = MemberListEditor(schema: PlatformTarget.schema)
    let formatter = SegmentFormatter(schema: PlatformTarget.schema)

    func items(_ bytes: [UInt8]) throws -> [String] {
        let document = try YAMLReader().read(bytes)
        guard let list = document.pairs(of: document.root).first(where: { document[$0.key].value == "userIds" })?.value else { return [] }
        return document.items(of: list).map { document[Int($0)].value }
    }

    @Test func unicodeLineSeparatorInsideAQuotedValue() throws {
        let text = "name: vip\ndescription: \"Owner: sales\u{2028}ops\"\nuserIds:\n  - user-1\n  - user-2\n  - user-3\n"
        let edit = try editor.apply(.remove(["user-1"]), key: "userIds", to: Array(text.utf8), file: "v.yaml")
        #expect(try items(edit.bytes) == ["user-2", "user-3"])
        #expect(String(decoding: edit.bytes, as: UTF8.self) == text.replacingOccurrences(of: "  - user-1\n", with: ""))
    }

    @Test func carriageReturnLineEndings() throws {
        let bytes = Array("name: cr\ruserIds:\r  - user-3\r".utf8)
        let edit = try editor.apply(.add(["user-1"]), key: "userIds", to: bytes, file: "cr.yaml")
        #expect(String(decoding: edit.bytes, as: UTF8.self) == "name: cr\ruserIds:\r  - user-1\r  - user-3\r")
        #expect(try formatter.format(bytes, file: "f.yaml") == bytes)
    }

    @Test func commentLookingLinesInsideScalarsStayText() throws {
        let quoted = Array("name: delta\nisActive: false\ndescription: \"first\n  # second\"\n".utf8)
        let formatted = try formatter.format(quoted, file: "f.yaml")
        #expect(String(decoding: formatted, as: UTF8.self) == "name: delta\ndescription: \"first\n  # second\"\nisActive: false\n")
        let literal = Array("name: lit\ndescription: |+\n  keep\n  # literally this\n\nisActive: true\n".utf8)
        let out = try formatter.format(literal, file: "f.yaml")
        let document = try YAMLReader().read(out)
        let description = document.pairs(of: document.root).first { document[$0.key].value == "description" }!.value
        #expect(document[description].value == "keep\n# literally this\n\n")
    }

    @Test func commentBetweenKeyAndValueIsKept() throws {
        let bytes = Array("name: a\ndescription:\n  # why\n  Early access\n".utf8)
        #expect(try formatter.format(bytes, file: "f.yaml") == bytes)
    }

    @Test func byteOrderMarkAndDocumentMarkerComments() throws {
        let bytes = Array("\u{FEFF}# header\n\n--- # the document\nname: a\n".utf8)
        let formatted = String(decoding: try formatter.format(bytes, file: "f.yaml"), as: UTF8.self)
        #expect(formatted == "# header\n\n# the document\nname: a\n")
        let edit = try editor.apply(.add(["user-1"]), key: "userIds", to: Array("\u{FEFF}name: a\nuserIds: []\n".utf8), file: "b.yaml")
        #expect(String(decoding: edit.bytes, as: UTF8.self) == "\u{FEFF}name: a\nuserIds: [user-1]\n")
    }

    @Test func flowMappingFilesAreRefusedNotCrashed() {
        let bytes = Array("{name: beta, isActive: true}\n".utf8)
        #expect(throws: Diagnostic.self) { try formatter.format(bytes, file: "f.yaml") }
        #expect(throws: Diagnostic.self) { try editor.apply(.add(["user-1"]), key: "userIds", to: bytes, file: "f.yaml") }
    }

    @Test func fmtRefusesToDropCommentsInsideAFlowList() {
        let bytes = Array("name: a\nuserIds: [\n  user-2,  # Jane\n  user-1\n]\n".utf8)
        #expect(throws: Diagnostic.self) { try formatter.format(bytes, file: "f.yaml") }
    }

    @Test func itemsNotOnTheirDashLineAreRefused() {
        let bytes = Array("name: a\nuserIds:\n  - # Jane\n    user-1\n".utf8)
        #expect(throws: Diagnostic.self) { try editor.apply(.add(["user-2"]), key: "userIds", to: bytes, file: "a.yaml") }
        #expect(throws: Diagnostic.self) { try formatter.format(bytes, file: "f.yaml") }
    }

    @Test func importWritesUnicodeLineBreaksEscaped() {
        #expect(YAMLScalarWriter.scalar("sales\u{2028}ops") == "\"sales\\u2028ops\"")
    }
}
