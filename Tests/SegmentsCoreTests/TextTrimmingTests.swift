import SegmentsCore
import Testing

/// Trimming spaces as Foundation's `trimmingCharacters(in: .whitespaces)` did: spaces of every
/// kind (Unicode's space separators) and tabs, never line breaks.
struct TextTrimmingTests {
    @Test(arguments: [
        ("  a b\t", "a b"), ("\u{00A0}\u{3000}x\u{2003}", "x"), ("", ""), (" \t ", ""), ("\na\n", "\na\n"), ("é ", "é"),
    ])
    func spacesAndTabsAreTrimmed(_ text: String, _ trimmed: String) {
        #expect(text.trimmingSpaces() == trimmed)
        #expect(text.isBlank == trimmed.isEmpty)
    }
}
