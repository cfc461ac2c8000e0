import ArgumentParser
import SegmentsCore

/// `segctl validate`: check every segment file, print every problem, exit 0 or 1.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the segment files: schema, unique names, ID formats.",
        discussion: "Exit codes: 0 valid, 1 invalid, 2 usage or configuration error."
    )

    @ParentCommand var root: Segctl
    @OptionGroup var remoteOptions: RemoteOptions

    @Option(help: "Output format: text, json or github (GitHub Actions annotations).")
    var format: DiagnosticFormat = .text

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Also check that every user and company ID exists, through the API's resolve endpoints.")
    var remote = false

    @Option(help: ArgumentHelp("Refuse segment files larger than <mib> MiB.", valueName: "mib"))
    var maxFileSize: Int = Repository.defaultMaxFileSize >> 20

    func run() async throws {
        var workspace = Workspace.open(root, format: format, toStandardError: false)
        workspace.repository.maxFileSize = maxFileSize << 20
        var result = workspace.validate()
        if remote && result.summary.errors == 0 {
            let found = await RemoteCheck.run(workspace: workspace, segments: result.segments, options: remoteOptions)
            result.diagnostics = Diagnostic.sorted(result.diagnostics + found)
        }
        let summary = result.summary
        let reporter = format.reporter(colored: Output.wantsColor())
        Output.standardOutput(reporter.report(result.diagnostics, summary: summary))
        Output.exit(summary.fails(strict: strict) ? .failure : .success)
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
