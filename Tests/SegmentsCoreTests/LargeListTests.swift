import Testing
@testable import SegmentsCore

/// The compact forms large lists take (item marks, sorted creations, equal lists compared
/// without sets) say exactly what the plain forms said.
struct LargeListTests {
    /// Marks as a list is written: one item per line from line 5, column 5.
    static func lines(_ count: Int, from line: Int32 = 5) -> [YAMLMark] {
        (0..<Int32(count)).map { YAMLMark(line: line + $0, column: 5) }
    }

    @Test(arguments: [
        ("empty", []),
        ("one item", lines(1)),
        ("one item per line", lines(1000)),
        ("a comment line in the middle", lines(3) + lines(3, from: 9)),
        ("a flow list on one line", (0..<Int32(5)).map { YAMLMark(line: 2, column: 10 + 8 * $0) }),
        ("a different column after a run", lines(4) + [YAMLMark(line: 9, column: 7)] + lines(2, from: 10)),
        ("items out of order", [YAMLMark(line: 8, column: 5), YAMLMark(line: 7, column: 5)]),
    ] as [(String, [YAMLMark])])
    func itemMarksHoldEveryMark(what: String, marks: [YAMLMark]) {
        let compact = SegmentDeclaration.ItemMarks(marks)
        #expect(Array(compact) == marks, "\(what)")
        #expect(compact.count == marks.count, "\(what)")
        var appended: SegmentDeclaration.ItemMarks = []
        for mark in marks { appended.append(mark) }
        #expect(Array(appended) == marks, "\(what)")
    }

    @Test func aDeclarationLocatesItemsThroughCompactMarks() {
        var declaration = SegmentDeclaration(file: "segments/a.yaml", state: SegmentState(name: "a", fields: [:]))
        declaration.itemMarks["userIds"] = SegmentDeclaration.ItemMarks(Self.lines(100))
        #expect(declaration.location(ofItem: 42, in: "userIds") == SourceLocation(file: "segments/a.yaml", line: 47, column: 5))
        #expect(declaration.location(ofItem: 100, in: "userIds") == declaration.location(of: "userIds"))
    }

    @Test func creationsListDistinctSortedMembers() {
        var random = SystemRandomNumberGenerator()
        for size in [0, 1, 2, 10, 500] {
            let items = (0..<size).map { _ in "user-\(Int.random(in: 0..<(size + 1), using: &random))" }
            #expect(SegmentDiff.sortedUnique(items) == Set(items).sorted())
            #expect(SegmentDiff.sortedUnique(items.sorted()) == Set(items).sorted())
        }
    }

    @Test func listsInAnotherOrderOrWithRepeatsAreNoChange() {
        let schema = PlatformTarget().schema
        func state(_ users: [String]) -> SegmentState {
            SegmentState(name: "a", fields: ["description": .null, "isActive": .bool(true), "userIds": .list(users), "companyIds": .list([])])
        }
        for users in [["u1", "u2", "u3"], ["u3", "u1", "u2"], ["u1", "u2", "u2", "u3"]] {
            let diff = SegmentDiff.changes(from: state(["u1", "u2", "u3"]), to: state(users), schema: schema)
            #expect(diff.fields.isEmpty && diff.members.isEmpty, "\(users)")
        }
        let diff = SegmentDiff.changes(from: state(["u1", "u2", "u2"]), to: state(["u2", "u4"]), schema: schema)
        #expect(diff.members == [Change.MemberChange(key: "userIds", kind: .user, added: ["u4"], removed: ["u1"], countBefore: 2, countAfter: 2)])
    }
}

/// A big file runs its rules side by side; what it reports (kept, in order, and counted past
/// the limit) is what running them one after another reports.
struct ParallelRuleTests {
    static func bigFile(problems: Int) -> SourceFile {
        var lines = ["name: 'big '", "userIds:"]
        for index in 0..<30_000 {
            let step = 30_000 / max(problems, 1)
            if problems > 0, index % step == 7 {
                lines.append((index / step) % 2 == 0 ? "  - user-\(index - 1)" : "  - bad id \(index)")
            } else {
                lines.append("  - user-\(index)")
            }
        }
        return SourceFile(path: "segments/big.yaml", text: lines.joined(separator: "\n") + "\n")
    }

    @Test(arguments: [0, 40, 600])
    func aBigFileReportsWhatRulesOneAfterAnotherReport(problems: Int) throws {
        let file = Self.bigFile(problems: problems)
        #expect(file.bytes.count >= Validator.parallelRulesSize)
        let config = TargetCatalogue.defaultConfig(for: .platform)
        let validator = Validator(config: config)
        var parallel = DiagnosticList()
        let segment = try #require(validator.check(file, into: &parallel))
        var sequential = DiagnosticList()
        for rule in config.target.segmentRules { rule.check(segment, in: validator.context, into: &sequential) }
        #expect(parallel.sorted(file: file.path) == sequential.sorted(file: file.path))
        #expect(parallel.omittedErrors == sequential.omittedErrors && parallel.omittedWarnings == sequential.omittedWarnings)
        let rules = Set(parallel.items.map(\.rule))
        switch problems {
        case 0: #expect(rules == ["name"])
        case 40: #expect(rules == ["name", "id-format", "duplicate-id"] && parallel.omittedErrors == 0)
        default:
            // The name and 99 of the 300 bad IDs fill the list before the duplicates' rule runs:
            // the other bad IDs and the 300 duplicates (warnings) are counted.
            #expect(rules == ["name", "id-format"] && parallel.omittedErrors == 201 && parallel.omittedWarnings == 300)
        }
    }
}

/// A long list is decoded in two halves side by side; the values, marks, expiries and
/// diagnostics (kept, in order, and counted past the limit) are what one pass gives.
struct ParallelListDecodingTests {
    /// A list of `count` items: plain IDs, expiring items, and every `badEvery`th item wrong in
    /// one of five ways.
    static func listFile(count: Int, badEvery: Int?) -> String {
        var lines = ["name: big", "userIds:"]
        for index in 0..<count {
            if let badEvery, index % badEvery == badEvery - 1 {
                switch (index / badEvery) % 5 {
                case 0: lines.append("  - ''")
                case 1: lines.append("  - [nested, list]")
                case 2: lines.append("  - {id: user-\(index), until: 2099-12-31}")
                case 3: lines.append("  - {id: user-\(index), expires: someday}")
                default: lines.append("  - {expires: 2099-12-31}")
                }
            } else if index % 10 == 3 {
                lines.append("  - {id: user-\(index), expires: 2099-12-\(10 + index % 19)}")
            } else {
                lines.append("  - user-\(index)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [(SegmentDecoder.parallelListSize, nil), (30_001, nil), (30_001, 4_000), (30_001, 97)] as [(Int, Int?)])
    func twoHalvesDecodeWhatOnePassDecodes(count: Int, badEvery: Int?) throws {
        let document = try YAMLReader().read(Array(Self.listFile(count: count, badEvery: badEvery).utf8))
        let decoder = SegmentDecoder(config: TargetCatalogue.defaultConfig(for: .platform))
        var diagnostics = DiagnosticList()
        let declaration = try #require(decoder.decode(document, file: "segments/big.yaml", into: &diagnostics))

        let list = Int(document.pairs(of: document.root).first { document[$0.key].value == "userIds" }!.value)
        let items = document.items(of: list)
        #expect(items.count == count && items.count >= SegmentDecoder.parallelListSize)
        let onePass = decoder.decodeItems("userIds", document, items, file: "segments/big.yaml", room: DiagnosticList.defaultLimit, capacity: items.count, firstPosition: 0)
        #expect(declaration.state["userIds"].listItems == onePass.values)
        #expect(Array(declaration.itemMarks["userIds"] ?? []) == Array(onePass.marks))
        #expect(declaration.expiries["userIds"] ?? [:] == onePass.expiries)
        #expect(diagnostics.items == onePass.diagnostics.items)
        #expect(diagnostics.omittedErrors == onePass.diagnostics.omittedErrors)

        // What one pass gives, spelled out: every good item in order, each expiring one with its date.
        let bad = badEvery.map { count / $0 } ?? 0
        let values = try #require(declaration.state["userIds"].listItems)
        #expect(values.count == count - bad)
        let expiries = declaration.expiries["userIds"] ?? [:]
        #expect(expiries.count == values.count(where: { Int($0.dropFirst(5))! % 10 == 3 }))
        for (position, expiry) in expiries {
            let index = Int(values[position].dropFirst(5))!
            #expect(index % 10 == 3 && expiry == Timestamp("2099-12-\(10 + index % 19)"))
        }
        #expect(diagnostics.items.count == min(bad, DiagnosticList.defaultLimit))
        #expect(diagnostics.omittedErrors == max(0, bad - DiagnosticList.defaultLimit))
        if let first = diagnostics.items.first, let badEvery {
            #expect(first.location?.line == 2 + badEvery)
        }
    }

    @Test(arguments: [
        ([], LargeListTests.lines(3)),
        (LargeListTests.lines(3), []),
        (LargeListTests.lines(3), LargeListTests.lines(4, from: 8)),
        (LargeListTests.lines(3), LargeListTests.lines(4, from: 9)),
        (LargeListTests.lines(3) + [YAMLMark(line: 8, column: 12)], LargeListTests.lines(2, from: 9)),
        (LargeListTests.lines(2), [YAMLMark(line: 7, column: 12)] + LargeListTests.lines(2, from: 8)),
    ] as [([YAMLMark], [YAMLMark])])
    func marksOfTwoHalvesJoinInOrder(first: [YAMLMark], second: [YAMLMark]) {
        var joined = SegmentDeclaration.ItemMarks(first)
        joined.append(contentsOf: SegmentDeclaration.ItemMarks(second))
        #expect(Array(joined) == first + second)
        #expect(joined.count == first.count + second.count)
    }
}
