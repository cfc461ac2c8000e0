import Foundation
import SegmentsTestSupport
import Testing
import SegmentsCore

/// The JUnit report is a contract with CI systems: golden files, plus the Jenkins/Ant schema.
struct JUnitDiagnosticReporterTests {
    /// Every segment file of the run: the two with problems and one valid file.
    static let files = ["segments/beta.yaml", "segments/ok.yaml", "segments/team/dup.yaml"]

    /// The shared validate fixture, a problem of no file, and a file whose name and message
    /// hold markup, quotes, a terminal escape, a NUL and a tab.
    static let diagnostics: [Diagnostic] = Diagnostic.sorted(DiagnosticReporterTests.diagnostics + [
        .error("config", "segments is not a directory", at: nil),
        .error(
            "unknown-key", "unknown key '<id> & \"name\"' \u{1B}[2J\u{0}\tend\r\nnext",
            at: SourceLocation(file: "segments/odd <&>.yaml", line: 3, column: 1),
            notes: [.init("compare 'a]]>b'", at: SourceLocation(file: "segments/ok.yaml", line: 1, column: 1))]
        ),
    ])

    static let summary = DiagnosticSummary(diagnostics: diagnostics, files: files.count + 1)

    @Test(arguments: [false, true])
    func golden(strict: Bool) throws {
        let output = JUnitDiagnosticReporter(files: Self.files, strict: strict).report(Self.diagnostics, summary: Self.summary)
        let (expected, actual) = try Golden.check(output, against: "reporting/validate\(strict ? "-strict" : "").junit.xml")
        #expect(actual == expected)
    }

    @Test func aValidRunIsOnePassingCasePerFile() {
        let output = JUnitDiagnosticReporter(files: Self.files).report([], summary: DiagnosticSummary(diagnostics: [], files: 3))
        #expect(output.contains("<testsuite name=\"segctl validate\" tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\">"))
        #expect(output.components(separatedBy: "<testcase ").count == 4)
        #expect(!output.contains("<failure"))
    }

    @Test func theFormatTakesTheFilesAndStrictness() {
        let warning = Diagnostic.warning("duplicate-id", "'user-1' is listed twice", at: SourceLocation(file: "segments/a.yaml", line: 2, column: 3))
        let summary = DiagnosticSummary(diagnostics: [warning], files: 2)
        let lenient = DiagnosticFormat.junit.reporter(colored: false, files: ["segments/a.yaml", "segments/b.yaml"]).report([warning], summary: summary)
        let strict = DiagnosticFormat.junit.reporter(colored: false, files: ["segments/a.yaml", "segments/b.yaml"], strict: true).report([warning], summary: summary)
        #expect(lenient.contains("tests=\"2\" failures=\"0\""))
        #expect(lenient.contains("<system-out>segments/a.yaml:2:3: warning: 'user-1' is listed twice [duplicate-id]\n</system-out>"))
        #expect(strict.contains("tests=\"2\" failures=\"1\""))
        #expect(strict.contains("<failure type=\"duplicate-id\""))
    }

    @Test(
        .enabled(if: Xmllint.path != nil, "xmllint is not installed (Debian: libxml2-utils)"),
        arguments: [false, true]
    )
    func validatesAgainstTheJUnitSchema(strict: Bool) throws {
        let output = JUnitDiagnosticReporter(files: Self.files, strict: strict).report(Self.diagnostics, summary: Self.summary)
        let result = try Xmllint.validate(output, schema: Fixtures.directory.appendingPathComponent("schemas/junit.xsd"))
        #expect(result.status == 0, "\(result.output)")
    }
}

/// libxml2's command-line checker, run on a report written to a temporary file.
enum Xmllint {
    /// The executable, if it is on `PATH`.
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return directories.map { "\($0)/xmllint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `xmllint --noout --schema` on `document`; its exit status and what it printed.
    static func validate(_ document: String, schema: URL) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("segctl-junit-\(UUID().uuidString).xml")
        try Data(document.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("segctl-junit-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = try SpawnedProcess(
            path ?? "xmllint", ["--noout", "--schema", schema.path, file.path],
            environment: ["PATH": "/usr/bin:/bin"], stdout: output.path, stderr: output.path)
        let status = process.waitUntilExit()
        return (status, String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self))
    }
}
