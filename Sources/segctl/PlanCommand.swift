import ArgumentParser
import SegmentsCore
import SegmentsDisk

/// `segctl plan`: what apply would change, member by member.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change remotely, member by member.",
        discussion: """
            Validates the files first, reads the remote state with one list call, and prints the changes. Nothing is changed.

            Exit codes: 0 success, 1 error or a plan that cannot be applied, 2 usage or configuration error. With --detailed-exitcode: 0 no changes, \
            1 error, 2 changes.
            """
    )

    @ParentCommand var root: Segctl
    @OptionGroup var remoteOptions: RemoteOptions
    @OptionGroup var planOptions: PlanFlags
    @OptionGroup var display: DisplayFlags
    @OptionGroup var time: TimeOptions
    @OptionGroup var stepSummary: StepSummary
    @Option(help: "Output format: text, markdown (a pull-request comment) or json.") var format: PlanFormat = .text
    @Option(help: ArgumentHelp("Also save the plan to <file> for 'segctl apply <file>'.", valueName: "file")) var out: String?
    @Flag(help: "Exit 0 with no changes, 1 on error, 2 when there are changes.") var detailedExitcode = false

    func run() async throws {
        let repository = try root.repository()
        let (remote, url) = try remoteOptions.connect(repository.config)
        var session = try await PlanSession.make(repository.contents(), remote: remote, options: planOptions.options(asOf: time.instant), recordingDigests: out != nil)
        defer { KeptUntilExit.keep(session) }
        if let out {
            try repository.write(Array(SavedPlan(plan: session.plan, apiURL: url, files: session.fileDigests).serialized().utf8), to: out)
        }
        let options = try await display.show(&session, format: format, alsoShownBy: stepSummary.isActive ? [.markdown] : [], config: repository.config, remote: remote)
        stepSummary.append(PlanFormat.markdown.render(session.plan, options: options))
        if !session.plan.isApplicable { throw ExitStatus.failure }
        if detailedExitcode && session.plan.hasChanges { throw ExitStatus.usage }
    }
}

extension PlanFormat: ExpressibleByArgument {}
