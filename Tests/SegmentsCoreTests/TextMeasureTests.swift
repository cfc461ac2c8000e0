import SegmentsCore
import Testing

/// The byte-level answers the validator uses for every list item agree with the Unicode-aware
/// ones they replace.
struct TextMeasureTests {
    static let samples = [
        "", "a", "user-123", " a", "a ", "a\t", "\ta", "a\r\n", "\u{00A0}a", "a\u{3000}", "a\u{0085}",
        "é", "e\u{0301}", "a \u{0301}", "\u{0600} ", "\u{0600}a", "👩‍👩‍👧", "x👍🏽", "\u{FEFF}a", "a\u{200B}",
        "p1@example.com", "日本語", "\u{1F1EF}\u{1F1F5}", "a\u{0000}",
    ]

    @Test(arguments: samples)
    func scalarCountAgreesWithUnicodeScalars(_ text: String) {
        #expect(text.scalarCount == text.unicodeScalars.count)
        #expect(text.dropFirst().scalarCount == text.dropFirst().unicodeScalars.count)
    }

    @Test(arguments: samples)
    func whitespaceAtAnEndAgreesWithCharacters(_ text: String) {
        #expect(text.hasWhitespaceAtAnEnd == (text.first?.isWhitespace == true || text.last?.isWhitespace == true))
    }
}
