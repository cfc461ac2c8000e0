import Testing
import SegmentsCore

/// Every ConfigCat validation rule has a fixture under Fixtures/configcat that declares its
/// exact diagnostics; limits that depend on the config are tested here.
struct ConfigCatValidationTests {
    static let fixtures = Fixtures.names(in: "configcat")

    static var config: RepositoryConfig {
        var config = TargetCatalogue.defaultConfig(for: .configcat)
        config.api = .configcat(.init(url: config.api.url, productId: "08d8a0a0-0000-0000-0000-000000000000", userEnv: "CONFIGCAT_API_USER", passwordEnv: "CONFIGCAT_API_PASSWORD"))
        return config
    }

    @Test("fixture produces exactly its declared diagnostics", arguments: fixtures)
    func fixture(_ name: String) throws {
        let bytes = try Fixtures.bytes("configcat", name)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("# "))
        let report = Validator(config: Self.config).validate([SourceFile(path: name, bytes: bytes)])
        #expect(report.diagnostics.map(Fixtures.describe) == Fixtures.expectations(in: text))
        #expect(!report.diagnostics.contains { $0.message.contains("secret-hash") })
    }

    @Test func listItemCapGivesCountCapAndAdvice() {
        var config = Self.config
        config.limits.listItems = 3
        let file = SourceFile(path: "s.yaml", text: "name: Big\ncomparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue: [a, b, c, d]\n")
        let report = Validator(config: config).validate([file])
        #expect(report.diagnostics.map(Fixtures.describe) == ["error 4:18 comparison-value comparisonValue has 4 items; the subscription plan allows 3 (limits.listItems); split the segment with 'shards: 2'"])
    }

    @Test func aCommaStartingACharacterWithAMarkIsStillAComma() {
        // ",\u{0301}" is one Character, so Character-wise `contains(",")` missed it; ConfigCat
        // splits on the byte.
        let file = SourceFile(path: "s.yaml", text: "name: Marks\ncomparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue: [\"a,\u{0301}b\"]\n")
        let report = Validator(config: Self.config).validate([file])
        #expect(report.diagnostics.map(Fixtures.describe) == ["error 4:19 comparison-value item 'a,\u{0301}b' contains a comma, which ConfigCat would split into separate values"])
    }

    @Test func fifteenThousandItemsAreFineOnTheDefaultPlan() {
        let items = (0..<15_000).map { "u\($0)@example.com" }
        var config = Self.config
        config.limits.listItems = 15_000
        let text = "name: Big\ncomparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue:\n" + items.map { "  - \($0)\n" }.joined()
        let report = Validator(config: config).validate([SourceFile(path: "s.yaml", text: text)])
        // 15,000 e-mail addresses are more than 65,535 characters joined: only that limit fires.
        #expect(report.diagnostics.map(\.rule) == ["comparison-value"])
        #expect(report.diagnostics.first?.message.contains("joined with commas") == true)
    }

    @Test func segmentCountCap() {
        var config = Self.config
        config.limits.segments = 2
        let files = (0..<3).map { SourceFile(path: "s\($0).yaml", text: "name: S\($0)\ncomparisonAttribute: Email\ncomparator: isOneOf\ncomparisonValue: [a]\n") }
        let report = Validator(config: config).validate(files)
        #expect(report.diagnostics.map(Fixtures.describe) == ["error 1:1 segment-count the repository declares 3 segments; the plan allows 2 per product (limits.segments); this file is number 3"])
    }

    @Test func fixturesCoverEveryRule() {
        #expect(Self.fixtures.count >= 20)
    }
}
