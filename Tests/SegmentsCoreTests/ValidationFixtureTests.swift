import Testing
import SegmentsCore

/// Each fixture under Fixtures/validation opens with a comment saying what it tests and lists
/// the exact diagnostics it must produce as `# expect:` comments.
struct ValidationFixtureTests {
    static let fixtures = Fixtures.names(in: "validation")

    @Test("fixture produces exactly its declared diagnostics", arguments: fixtures)
    func fixture(_ name: String) throws {
        let bytes = try Fixtures.bytes("validation", name)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("# "), "a fixture opens with a comment saying what it tests")
        let validator = Validator(config: TargetCatalogue.defaultConfig())
        let report = validator.validate([SourceFile(path: name, bytes: bytes)])
        let actual = report.diagnostics.map(Fixtures.describe)
        #expect(actual == Fixtures.expectations(in: text))
    }

    @Test func fixturesExist() {
        #expect(Self.fixtures.count >= 25)
    }
}
