import Foundation
import Testing
import SegmentsCore
import SegmentsTestSupport

/// Broken or hostile segment files get a clear, located error: never a crash or a hang.
struct HostileInputTests {
    func validate(_ bytes: [UInt8], path: String = "segments/bad.yaml") -> [Diagnostic] {
        Validator(config: TargetCatalogue.defaultConfig()).validate([SourceFile(path: path, bytes: bytes)]).diagnostics
    }

    @Test func zeroByteFile() {
        let diagnostics = validate([])
        #expect(diagnostics.map(Fixtures.describe) == ["error 1:1 empty-file the file is empty: a segment file holds one YAML mapping"])
    }

    @Test func binaryFileNamedYAML() {
        var bytes: [UInt8] = Array("name: x\n".utf8)
        bytes += [0x00, 0x13, 0x7F, 0xFF, 0x00]
        let diagnostics = validate(bytes)
        #expect(diagnostics.map(Fixtures.describe) == ["error 2:1 yaml-syntax binary file (it contains NUL bytes); a segment file is YAML text"])
    }

    /// The NUL is located as libyaml counts lines (a CR breaks a line; a byte order mark is not
    /// a column), and a UTF-16 file, whose ASCII characters all hold a NUL byte, is read as
    /// text, not refused as binary. Found by `scripts/fuzz validate`
    /// (Tests/SegmentsFuzzingTests/Findings/validate/nul-in-utf16-file.yaml).
    @Test func aNulIsLocatedAsLibyamlCountsLines() {
        let crLines = validate([0xEF, 0xBB, 0xBF] + Array("name: x\ruserIds:\r  - user-1".utf8) + [0x00])
        #expect(crLines.map(Fixtures.describe) == ["error 3:11 yaml-syntax binary file (it contains NUL bytes); a segment file is YAML text"])
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "name: x\nuserIds: [user-1]\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(validate(utf16).isEmpty)
    }

    @Test func invalidUTF8() {
        let diagnostics = validate(Array("name: caf".utf8) + [0xE9] + Array("\n".utf8))
        #expect(diagnostics.map(Fixtures.describe) == ["error 1:10 yaml-syntax invalid UTF-8: incomplete UTF-8 octet sequence at byte 9"])
    }

    @Test func aliasBombFailsFastWithItsLocation() {
        var text = "name: lol\nuserIds: &a [user-1, user-1, user-1, user-1, user-1, user-1, user-1, user-1, user-1, user-1]\n"
        var previous = "a"
        for level in 1...8 {
            text += "x\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]\n"
            previous = "l\(level)"
        }
        let clock = ContinuousClock()
        let start = clock.now
        let diagnostics = validate(Array(text.utf8))
        #expect(clock.now - start < .seconds(1))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.rule == "alias-expansion")
        #expect(diagnostics.first?.location?.line == 6)
    }

    @Test func veryDeepNesting() {
        let text = "name: deep\nuserIds: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "\n"
        let diagnostics = validate(Array(text.utf8))
        #expect(diagnostics.map(Fixtures.describe) == ["error 2:73 nesting-depth collections nest deeper than 64 levels"])
    }
}

/// Random damage to a valid file never crashes the validator, and every diagnostic points
/// inside the file.
struct MutationTests {
    @Test(arguments: 0..<8)
    func mutatedFilesGetLocatedDiagnostics(batch: Int) throws {
        let original = try Fixtures.bytes("validation", "valid-full.yaml")
        let lineCount = original.count { $0 == UInt8(ascii: "\n") } + 1
        var random = SeededRandom(seed: UInt64(batch) &+ 99)
        let alphabet: [UInt8] = Array(" -:#[]{}&*!|>'\"%@`,?\n\t\r\\x0".utf8) + [0x00, 0xC3, 0xFF]
        for _ in 0..<100 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = alphabet.randomElement(using: &random)!
                case 1: bytes.insert(alphabet.randomElement(using: &random)!, at: index)
                default: bytes.remove(at: index)
                }
            }
            let report = Validator(config: TargetCatalogue.defaultConfig()).validate([SourceFile(path: "m.yaml", bytes: bytes)])
            for diagnostic in report.diagnostics {
                let location = try #require(diagnostic.location)
                #expect(location.line >= 1 && location.line <= lineCount + 7, "\(diagnostic)")
                #expect(location.column >= 1)
                #expect(!diagnostic.message.isEmpty)
            }
        }
    }
}
