import ArgumentParser
import SegmentsCore
import SegmentsDisk

/// `segctl apply`: make the remote match the files, safely.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply the plan: create, update and delete remote segments.",
        discussion: """
            Without PLANFILE, plans, shows the plan and asks for 'yes' (on a terminal; elsewhere --auto-approve is required). With PLANFILE (from \
            'segctl plan --out'), applies it if neither the files nor the remote segments changed since.

            Creates and updates run first, up to --parallelism at once; deletes run last and only if every create and update succeeded. Each update \
            and delete first checks that the segment still has the version the plan saw.

            Exit codes: 0 every change applied (or none needed), 1 a change failed, the plan is stale or cannot be applied, or the apply was not \
            confirmed; 2 usage or configuration error. Running apply again converges.
            """
    )

    @ParentCommand var root: Segctl
    @OptionGroup var remoteOptions: RemoteOptions
    @OptionGroup var planOptions: PlanFlags
    @OptionGroup var display: DisplayFlags
    @OptionGroup var time: TimeOptions
    @Argument(help: ArgumentHelp("A plan saved by 'segctl plan --out'.", valueName: "planfile")) var planFile: String?
    @Flag(help: "Apply without asking for confirmation.") var autoApprove = false
    @Option(help: ArgumentHelp("Requests in flight at once (1 to 64).", valueName: "n")) var parallelism: Int = 4

    func validate() throws {
        guard (1...64).contains(parallelism) else { throw ValidationError("--parallelism must be between 1 and 64") }
        if planFile != nil && (planOptions.any || time.asOf != nil) {
            throw ValidationError("--prune, --allow-mass-delete, --allow-delete-in-use, --allow-mass-removal and --as-of are decided when the plan is made; pass them to 'segctl plan'")
        }
    }

    func run() async throws {
        let repository = try root.repository()
        let (remote, url) = try remoteOptions.connect(repository.config)
        let session = if let planFile {
            try await SavedPlanCheck.session(
                savedIn: repository.read(planFile, limit: SavedPlan.maxFileSize, what: "the plan file"),
                path: planFile, contents: repository.contents(), remote: remote, apiURL: url)
        } else {
            try await fresh(repository, remote)
        }
        defer { KeptUntilExit.keep(session) }
        guard session.plan.hasChanges else { return Console.standardOutput("Nothing to apply.\n") }
        if planFile == nil && !autoApprove { try confirm() }
        let progress = ApplyProgressPrinter(interactive: Console.isTerminalOutput, write: Console.standardOutput)
        let report = await PlanExecutor(target: repository.config.target, parallelism: parallelism).apply(session.plan, to: remote, observer: progress.finished)
        progress.summary(report)
        if !report.succeeded { throw ExitStatus.failure }
    }

    /// A plan computed now, shown before it is applied.
    func fresh(_ repository: Repository, _ remote: any SegmentsRemote) async throws -> PlanSession {
        var session = try await PlanSession.make(repository.contents(), remote: remote, options: planOptions.options(asOf: time.instant), recordingDigests: false)
        try await display.show(&session, format: .text, config: repository.config, remote: remote)
        guard session.plan.isApplicable else { throw SegctlError.failed("the plan cannot be applied (see the problems above)") }
        return session
    }

    /// Asks for `yes` on a terminal; refuses without one.
    func confirm() throws {
        guard Console.isInteractive else {
            throw SegctlError.failed("refusing to apply without confirmation: standard input is not a terminal; pass --auto-approve, or save a plan with 'segctl plan --out' and apply that")
        }
        Console.standardOutput("\nApply these changes? Only 'yes' will be accepted: ")
        guard readLine(strippingNewline: true)?.trimmingSpaces() == "yes" else {
            Console.standardOutput("Apply cancelled; nothing was changed.\n")
            throw ExitStatus.failure
        }
    }
}
