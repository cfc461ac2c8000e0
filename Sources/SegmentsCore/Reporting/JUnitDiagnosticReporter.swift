/// JUnit XML, the test report GitLab, Jenkins, Azure Pipelines and CircleCI read: one test
/// suite, one `<testcase>` per segment file, one `<failure>` per problem.
///
/// Each failure's `type` is the rule, its `message` is `path:line:column: message`, and its
/// text is `path:line:column: severity: message [rule]` with the notes beneath. Warnings fail a test
/// case only when they fail validation (`strict`); otherwise they are the case's
/// `<system-out>` and the case passes. Problems of no file (a missing config or segments
/// directory) form a test case of their own, `configuration`.
///
/// Test cases are every file given in `files` (so valid files count as passed tests) and every
/// other file a problem names, in path order. The output validates against the Jenkins/Ant
/// JUnit schema (`Tests/SegmentsCoreTests/Fixtures/schemas/junit.xsd`).
public struct JUnitDiagnosticReporter: DiagnosticReporter {
    /// The test suite's name, and the `classname` of every test case.
    public static let suiteName = "segctl validate"
    /// The test case holding problems of no file.
    public static let configurationCase = "configuration"

    /// The paths of the segment files validated, as diagnostics name them.
    public var files: [String]
    /// Whether warnings fail (`validate --strict`).
    public var strict: Bool

    /// Creates a reporter for a run over `files`; `strict` as `validate --strict`.
    public init(files: [String] = [], strict: Bool = false) {
        self.files = files
        self.strict = strict
    }

    public func report(_ diagnostics: [Diagnostic], summary: DiagnosticSummary) -> String {
        var byFile: [String: [Diagnostic]] = [:]
        var unlocated: [Diagnostic] = []
        for diagnostic in diagnostics {
            if let file = diagnostic.location?.file {
                byFile[file, default: []].append(diagnostic)
            } else {
                unlocated.append(diagnostic)
            }
        }
        var cases = Set(files).union(byFile.keys).sorted().map { ($0, byFile[$0] ?? []) }
        if !unlocated.isEmpty {
            cases.insert((Self.configurationCase, unlocated), at: 0)
        }
        let failing = cases.count { $0.1.contains(where: fails) }

        let counts = "tests=\"\(cases.count)\" failures=\"\(failing)\" errors=\"0\""
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(Self.suiteName)\" \(counts) time=\"0\">\n"
        out += "  <testsuite name=\"\(Self.suiteName)\" \(counts) skipped=\"0\" time=\"0\">\n"
        for (name, problems) in cases {
            out += testCase(name, problems)
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// Whether a diagnostic fails its test case.
    private func fails(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.severity == .error || strict
    }

    private func testCase(_ name: String, _ problems: [Diagnostic]) -> String {
        let open = "    <testcase name=\"\(Self.attribute(name))\" classname=\"\(Self.suiteName)\" time=\"0\""
        guard !problems.isEmpty else { return open + "/>\n" }
        var out = open + ">\n"
        for problem in problems where fails(problem) {
            let message = (problem.location.map { "\($0): " } ?? "") + problem.message
            out += "      <failure type=\"\(Self.attribute(problem.rule))\" message=\"\(Self.attribute(message))\">"
            out += Self.text(Self.describe(problem)) + "</failure>\n"
        }
        let passing = problems.filter { !fails($0) }
        if !passing.isEmpty {
            out += "      <system-out>" + Self.text(passing.map(Self.describe).joined()) + "</system-out>\n"
        }
        return out + "    </testcase>\n"
    }

    /// `path:line:column: error: message [rule]`, then a line per note.
    static func describe(_ diagnostic: Diagnostic) -> String {
        var out = diagnostic.location.map { "\($0): " } ?? ""
        out += "\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.rule)]\n"
        for note in diagnostic.notes {
            out += (note.location.map { "\($0): " } ?? "") + "note: \(note.message)\n"
        }
        return out
    }

    /// Character data: markup escaped, carriage returns kept, forbidden characters made visible.
    static func text(_ s: String) -> String {
        escape(s, ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"])
    }

    /// An attribute value in double quotes; tabs and line breaks are kept as references
    /// because XML parsers turn literal ones into spaces.
    static func attribute(_ s: String) -> String {
        escape(s, ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"])
    }

    /// Applies `table` and writes each character XML 1.0 forbids (C0 controls other than tab,
    /// line feed and carriage return; U+FFFE and U+FFFF) as a visible `\u{…}`, since no
    /// reference can carry it.
    private static func escape(_ s: String, _ table: [Unicode.Scalar: String]) -> String {
        s.replacingScalars { scalar in
            table[scalar] ?? (isForbidden(scalar) ? "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}" : nil)
        }
    }

    /// Whether XML 1.0's `Char` production excludes `scalar`.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}
