import Testing
import SegmentsCore

/// Checks across files: names and pinned ids are unique, and both places are named.
struct RepositoryRuleTests {
    func validate(_ files: [(String, String)], config: RepositoryConfig = TargetCatalogue.defaultConfig()) -> [String] {
        Validator(config: config).validate(files.map { SourceFile(path: $0.0, text: $0.1) }).diagnostics.map { d in
            "\(d.location?.description ?? "-") \(d.severity.rawValue) \(d.rule) \(d.message)"
        }
    }

    @Test func duplicateNameNamesBothPlaces() {
        let diagnostics = validate([("segments/a.yaml", "name: beta\n"), ("segments/b.yaml", "# copy\nname: beta\n")])
        #expect(diagnostics == ["segments/b.yaml:2:7 error duplicate-name segment name 'beta' is declared twice: segments/a.yaml:1 and segments/b.yaml:2"])
    }

    @Test func namesDifferingOnlyInCaseAreReported() {
        let diagnostics = validate([("segments/a.yaml", "name: Beta\n"), ("segments/b.yaml", "name: beta\n")])
        #expect(diagnostics == ["segments/b.yaml:1:7 warning duplicate-name segment names 'Beta' (segments/a.yaml:1) and 'beta' (segments/b.yaml:1) differ only in letter case"])
    }

    @Test func duplicatePinnedID() {
        let id = "c0123456789abcdefghijklmn"
        let diagnostics = validate([("segments/a.yaml", "name: a\nid: \(id)\n"), ("segments/b.yaml", "name: b\nid: \(id)\n")])
        #expect(diagnostics == ["segments/b.yaml:2:5 error duplicate-segment-id segment id '\(id)' is pinned by two files: segments/a.yaml:2 and segments/b.yaml:2"])
    }

    @Test func nameFormatFromConfig() throws {
        var config = TargetCatalogue.defaultConfig()
        config.nameFormat = try IDPattern("^[a-z0-9]+(-[a-z0-9]+)*$")
        let diagnostics = validate([("segments/a.yaml", "name: Beta Testers\n")], config: config)
        #expect(diagnostics == ["segments/a.yaml:1:7 error name name 'Beta Testers' does not match nameFormat '^[a-z0-9]+(-[a-z0-9]+)*$'"])
    }

    @Test func customIDFormats() throws {
        var config = TargetCatalogue.defaultConfig()
        config.idFormats.user = try IDPattern("^[0-9]+$")
        let diagnostics = validate([("segments/a.yaml", "name: a\nuserIds: [007, user-1]\n")], config: config)
        #expect(diagnostics == ["segments/a.yaml:2:16 error id-format user ID 'user-1' does not match the user ID format '^[0-9]+$' (idFormats.user)"])
    }

    @Test func warningsDoNotFailUnlessStrict() {
        let report = Validator(config: TargetCatalogue.defaultConfig()).validate([SourceFile(path: "a.yaml", text: "name: a\nuserIds: [user-1, user-1]\n")])
        #expect(report.summary.errors == 0 && report.summary.warnings == 1)
        #expect(!report.summary.fails(strict: false))
        #expect(report.summary.fails(strict: true))
    }
}
