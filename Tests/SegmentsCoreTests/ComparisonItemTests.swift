import Testing
@testable import SegmentsCore
import SegmentsTestSupport

/// The fast path for plain ConfigCat list items finds nothing the full checks would find.
struct ComparisonItemTests {
    static let tricky = [
        "a", "ana@example.com", "Beta Tester", " lead", "trail ", "\tTab", "tab\t", "a,b", ",", "",
        "x\u{7F}", "ctl\u{1}", "é", "a\u{301}", ",\u{301}", "\u{A0}nbsp", String(repeating: "x", count: 255),
        String(repeating: "x", count: 256), "1.2.3", "1,5", "  ",
    ]

    @Test func plainItemsHaveNoProblems() {
        var generator = SeededRandom(seed: 7)
        let printable = (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) } + ["\t", "\n", "é", "\u{202E}"]
        let random = (0..<3_000).map { _ in
            String((0..<Int.random(in: 0...12, using: &generator)).map { _ in printable.randomElement(using: &generator)! })
        }
        let rule = ComparisonValueRule()
        var plain = 0
        for item in Self.tricky + random {
            guard ComparisonValueRule.isPlainASCII(item) else { continue }
            plain += 1
            for comparator in [Comparator.isOneOf, .contains, .sensitiveIsOneOf] {
                #expect(rule.everyItemProblem(item, comparator: comparator, redact: false).isEmpty, "'\(item)'")
            }
        }
        #expect(plain > 1_000, "most random items are plain")
        for item in [" lead", "trail ", "a,b", "", "x\u{7F}", "é", String(repeating: "x", count: 256)] {
            #expect(!ComparisonValueRule.isPlainASCII(item), "'\(item)' takes the full checks")
        }
        #expect(rule.itemProblems("1,5", comparator: .isOneOf, redact: false).count == 1)
        #expect(rule.itemProblems("x", comparator: .numberEquals, redact: false) == ["'x' is not a number, as numberEquals requires"])
    }
}

/// The repeated-ID check's first pass, on hashes only.
struct RepeatScreenTests {
    @Test func aRepeatIsAlwaysSuspectedAndDistinctItemsPass() {
        var generator = SeededRandom(seed: 11)
        for count in [0, 1, 2, 17, 1_000, 40_000] {
            let items = (0..<count).map { "user-\($0)" }.shuffled(using: &generator)
            #expect(!DuplicateMemberRule.mayRepeat(items), "\(count) distinct items")
            guard count > 0 else { continue }
            var repeated = items
            repeated.insert(items[Int.random(in: 0..<count, using: &generator)], at: Int.random(in: 0...count, using: &generator))
            #expect(DuplicateMemberRule.mayRepeat(repeated), "\(count) items and one again")
        }
        #expect(DuplicateMemberRule.mayRepeat(["é", "e\u{301}"]), "canonically equal strings are equal IDs, as Swift compares them")
    }
}
