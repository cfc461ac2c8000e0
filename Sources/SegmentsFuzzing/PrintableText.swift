import SegmentsCore

/// Text segctl prints: no control character (line feeds aside, where allowed) and no
/// bidirectional control, whatever the input held, so hostile input cannot rewrite a
/// terminal or a CI log.
enum PrintableText {
    /// Throws unless `text` is safe to print; `context` says whose text it is. With
    /// `allowingTabs`, a tab is allowed too: JUnit XML keeps one in character data (its golden
    /// file pins that), where it is whitespace, not a terminal control.
    static func check(_ text: String, allowingNewlines: Bool, allowingTabs: Bool = false, _ context: String) throws(InvariantViolation) {
        for scalar in text.unicodeScalars where UntrustedText.needsEscape(scalar) && !(allowingNewlines && scalar == "\n") && !(allowingTabs && scalar == "\t") {
            throw InvariantViolation("\(context): raw U+\(String(scalar.value, radix: 16, uppercase: true)) in printed text: \(UntrustedText.escaped(String(text.prefix(300))))")
        }
    }
}
