import Foundation
import Testing
@testable import SegmentsCore

/// The byte automaton must agree with ICU on every input; it only exists for speed.
struct IDPatternTests {
    static let patterns = [
        IDPattern.defaultUser, IDPattern.defaultCompany, IDPattern.defaultPlatformSegment, IDPattern.uuid,
        "^[a-z0-9]+(-[a-z0-9]+)*$", "u[0-9]{2,4}|admin", "^(ab|a)c?$", "[^x-z]+", "\\d+\\.\\w*", "a.b", "(?:ab)+c{0,2}",
        "^x*?y$", "[\\-a]+",
    ]

    @Test(arguments: patterns)
    func automatonAgreesWithICU(_ source: String) throws {
        let pattern = try IDPattern(source)
        #expect(pattern.isCompiledToAutomaton, "common patterns compile to the automaton")
        let regex = try NSRegularExpression(pattern: "\\A(?:\(source))\\z")
        var generator = SeededGenerator(seed: UInt64(source.utf8.count) &* 7919)
        let alphabet = Array("abcuxyz019-_.:AZ \n@éc".unicodeScalars)
        var samples = ["", "user-1", "user-", "company-x", "c0123456789abcdefghijklmn", "ab", "abc", "ac", "u12", "admin",
                       "08d8a0a0-0000-0000-0000-000000000000", "a\nb", "user-1\n", "beta-testers", "beta--testers"]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...26, using: &generator)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            samples.append(text)
        }
        for sample in samples {
            let expected = regex.firstMatch(in: sample, range: NSRange(sample.startIndex..., in: sample)) != nil
            #expect(pattern.matches(sample) == expected, "pattern \(source) on \(sample.debugDescription)")
        }
    }

    @Test func unsupportedSyntaxFallsBackToICU() throws {
        let pattern = try IDPattern("(?i)^USER-\\p{L}+$")
        #expect(!pattern.isCompiledToAutomaton)
        #expect(pattern.matches("user-abc"))
        #expect(!pattern.matches("user-1"))
    }

    @Test func invalidPatternThrows() {
        #expect(throws: IDPattern.InvalidPattern.self) { try IDPattern("[a-") }
    }
}

/// A deterministic generator for property tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
