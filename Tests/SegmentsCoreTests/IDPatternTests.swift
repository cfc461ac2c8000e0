import Foundation
import Testing
@testable import SegmentsCore
import SegmentsTestSupport

/// ID formats are matched by a deterministic automaton, never by a backtracking engine. On
/// the supported syntax it must agree with ICU (`NSRegularExpression`), except that `\d`, `\w`
/// and `\s` are ASCII classes; everything else is refused by name.
struct IDPatternTests {
    static let patterns = [
        IDPattern.defaultUser, IDPattern.defaultCompany, IDPattern.defaultPlatformSegment, IDPattern.uuid,
        "^[a-z0-9]+(-[a-z0-9]+)*$", "u[0-9]{2,4}|admin", "^(ab|a)c?$", "[^x-z]+", "\\d+\\.\\w*", "a.b", "(?:ab)+c{0,2}",
        "^x*?y$", "[\\-a]+", "(?<id>[a-c]+)-é{1,2}", "[éa]+ü?", "\\W+\\S", "[^\\d]x", "caf\\x{e9}|\\u00fcber",
    ]

    @Test(arguments: patterns)
    func automatonAgreesWithICU(_ source: String) throws {
        let pattern = try IDPattern(source)
        let regex = try NSRegularExpression(pattern: "\\A(?:\(source))\\z")
        var generator = SeededRandom(seed: UInt64(source.utf8.count) &* 7919)
        // ICU's \d, \w and \s are Unicode classes; segctl's are ASCII: compare those on ASCII.
        let asciiOnly = source.contains("\\d") || source.contains("\\w") || source.contains("\\W") || source.contains("\\S")
        let alphabet = Array((asciiOnly ? "abcuxyz019-_.:AZ \n@c" : "abcuxyz019-_.:AZ \n@écüüber名").unicodeScalars)
        var samples = ["", "user-1", "user-", "company-x", "c0123456789abcdefghijklmn", "ab", "abc", "ac", "u12", "admin",
                       "08d8a0a0-0000-0000-0000-000000000000", "a\nb", "user-1\n", "beta-testers", "beta--testers", "café", "über", "abc-é"]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...26, using: &generator)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            samples.append(text)
        }
        for sample in samples where !asciiOnly || sample.allSatisfy(\.isASCII) {
            let expected = regex.firstMatch(in: sample, range: NSRange(sample.startIndex..., in: sample)) != nil
            #expect(pattern.matches(sample) == expected, "pattern \(source) on \(sample.debugDescription)")
        }
    }

    @Test(arguments: [
        ("(a+)+(?!x)", "uses a lookahead '(?=...)' or '(?!...)'"),
        ("(?<=a)b", "uses a lookbehind '(?<=...)' or '(?<!...)'"),
        ("(a)\\1", "uses a back-reference such as '\\1' or '\\k<name>'"),
        ("(?i)user-1", "uses flags or a group of the form '(?...)' (only '(?:...)' and '(?<name>...)' are supported)"),
        ("(?>a+)b", "uses an atomic group '(?>...)'"),
        ("a*+b", "uses a possessive quantifier ('*+', '++', '?+')"),
        ("\\bx", "uses a word boundary '\\b' or '\\B'"),
        ("^USER-\\p{L}+$", "uses a Unicode property '\\p{...}'"),
        ("a^b", "uses '^' other than at the start of the pattern"),
        ("[[:alpha:]]", "uses a nested class or POSIX class such as '[[:alpha:]]'"),
        ("a{2000}", "uses a repetition bound over 1000"),
        ("(a|b)*a(a|b){14}", "uses a combination of repetitions whose automaton would need over 4096 states"),
    ])
    func unsupportedConstructsAreRefusedByName(_ source: String, _ reason: String) {
        do {
            _ = try IDPattern(source)
            Issue.record("\(source) compiled")
        } catch {
            #expect(error.reason.hasPrefix(reason), "\(error.reason)")
            #expect(error.reason.contains("linear-time automaton"))
        }
    }

    @Test(arguments: [("[a-", "a '[' class is never closed"), ("(ab", "a '(' is never closed"), ("ab)", "the ')' at character 3 closes no group"), ("*a", "nothing to repeat before '*' at character 1"), ("[z-a]", "the range 'z-a' is out of order")])
    func invalidPatternsSayWhy(_ source: String, _ detail: String) {
        do {
            _ = try IDPattern(source)
            Issue.record("\(source) compiled")
        } catch {
            #expect(error.reason == "is not a valid regular expression: \(detail)")
        }
    }

    @Test func matchingCostDoesNotDependOnThePattern() throws {
        // A pattern ICU would backtrack on exponentially is one table walk per byte here.
        let pattern = try IDPattern("(a|a)*(a|aa)*b")
        let text = String(repeating: "a", count: 100_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<10 { #expect(!pattern.matches(text)) }
        }
        #expect(elapsed < .seconds(5))
    }
}
