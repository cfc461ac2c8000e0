import Testing
@testable import SegmentsCore

@Suite struct UntrustedTextTests {
    @Test func plainTextIsUnchanged() {
        #expect(UntrustedText.escaped("beta-testers ü ☃ 名前") == "beta-testers ü ☃ 名前")
    }

    @Test func controlSequencesBecomeVisible() {
        #expect(UntrustedText.escaped("a\u{1B}[2Jb") == "a\\e[2Jb")
        #expect(UntrustedText.escaped("\u{1B}]0;pwned\u{07}") == "\\e]0;pwned\\u{7}")
        #expect(UntrustedText.escaped("x\ny\r\tz\u{7F}\u{9B}") == "x\\ny\\r\\tz\\u{7F}\\u{9B}")
        #expect(UntrustedText.escaped("admin\u{202E}txt.exe") == "admin\\u{202E}txt.exe")
    }
}
