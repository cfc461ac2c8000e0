import ArgumentParser
import SegmentsCore
import SegmentsDisk

/// `segctl validate`: check every segment file, print every problem, exit 0 or 1.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the segment files: schema, unique names, ID formats.",
        discussion: "Exit codes: 0 valid, 1 invalid, 2 usage or configuration error."
    )

    @ParentCommand var root: Segctl
    @OptionGroup var remoteOptions: RemoteOptions
    @OptionGroup var time: TimeOptions
    @OptionGroup var stepSummary: StepSummary

    @Option(help: "Output format: text, json, github (GitHub Actions annotations) or junit (JUnit XML).") var format: DiagnosticFormat = .text
    @Flag(help: "Treat warnings as errors.") var strict = false
    @Flag(help: "Also check that every user and company ID exists, through the API's resolve endpoints.") var remote = false
    @Option(help: ArgumentHelp("Refuse segment files larger than <mib> MiB (1 to 4096).", valueName: "mib")) var maxFileSize: Int = Repository.defaultMaxFileSize >> 20

    func validate() throws {
        guard (1...4096).contains(maxFileSize) else { throw ValidationError("--max-file-size must be between 1 and 4096 (MiB)") }
    }

    func run() async throws {
        let reporter = format.reporter(colored: Console.wantsColor())
        let repository: Repository
        do {
            repository = try root.repository(maxFileSize: maxFileSize << 20)
        } catch {
            guard case .configuration(let diagnostics) = error else { throw error }
            // Configuration problems are reported like file problems, in the chosen format.
            Console.standardOutput(reporter.report(diagnostics, summary: DiagnosticSummary(diagnostics: diagnostics, files: 0)))
            throw ExitStatus.usage
        }
        var report = repository.contents().validate(asOf: time.instant)
        defer { KeptUntilExit.keep(report) }
        if remote && report.summary.errors == 0 {
            let found = try await RemoteExistenceRule.check(report.segments, target: repository.config.target, remote: remoteOptions.connect(repository.config).remote)
            report.diagnostics = Diagnostic.sorted(report.diagnostics + found)
        }
        Console.standardOutput(format.reporter(colored: Console.wantsColor(), files: report.files, strict: strict).report(report.diagnostics, summary: report.summary))
        stepSummary.append(MarkdownDiagnosticReporter().report(report.diagnostics, summary: report.summary))
        if report.summary.fails(strict: strict) { throw ExitStatus.failure }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
