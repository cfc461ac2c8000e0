import SegmentsCore

/// `segctl.yaml` -> `TargetCatalogue.configDecoder`, then the decoded configuration at work:
/// two segment files validated with it, so its ID formats are compiled and run.
///
/// Invariant: no crash, hang or unbounded memory; a configuration always comes back (defaults
/// filling what is wrong); every diagnostic lies inside the input (`MarkBounds`); and the
/// configuration validates files without a crash.
public enum ConfigFileCheck {
    /// The path the input is read as.
    static let path = "segctl.yaml"

    /// Segment files of both targets for the decoded configuration to validate.
    static let segmentFiles = [
        SourceFile(path: "segments/platform.yaml", text: """
            name: beta-testers
            id: c0123456789abcdefghijklmn
            description: fuzz
            userIds: [user-1, user-007, "user 2", Ü-3, {id: user-4, expires: 2026-12-31}]
            companyIds:
              - company-1
              - company_2
            """),
        SourceFile(path: "segments/configcat.yaml", text: """
            name: Beta Users
            id: 2b5f9e7a-0000-4000-8000-000000000000
            comparisonAttribute: Email
            comparator: isOneOf
            comparisonValue: [ana@example.com, john@example.com]
            """),
    ]

    /// Checks one input.
    public static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        var diagnostics: [Diagnostic] = []
        let config = TargetCatalogue.configDecoder.decode(bytes, file: path, into: &diagnostics)
        try MarkBounds(bytes).check(diagnostics, file: path, "segctl.yaml")
        let report = Validator(config: config).validate(segmentFiles)
        try SegmentFileCheck.checkReports(report, "validate with the decoded segctl.yaml")
    }
}
