import ArgumentParser
import SegmentsClient
import SegmentsCore

/// `segctl apply`: make the remote match the files, safely.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply the plan: create, update and delete remote segments.",
        discussion: """
            Without PLANFILE, plans, shows the plan and asks for 'yes' (on a terminal; \
            elsewhere --auto-approve is required). With PLANFILE (from 'segctl plan --out'), \
            applies it if neither the files nor the remote segments changed since.

            Creates and updates run first, up to --parallelism at once; deletes run last and \
            only if every create and update succeeded. Each update and delete first checks that \
            the segment still has the version the plan saw.

            Exit codes: 0 every change applied (or none needed), 1 a change failed, the plan \
            is stale or cannot be applied, or the apply was not confirmed; 2 usage or \
            configuration error. Running apply again converges.
            """
    )

    @ParentCommand var root: Segctl
    @OptionGroup var remoteOptions: RemoteOptions
    @OptionGroup var planOptions: PlanFlags

    @Argument(help: ArgumentHelp("A plan saved by 'segctl plan --out'.", valueName: "planfile"))
    var planFile: String?

    @Flag(help: "Apply without asking for confirmation.")
    var autoApprove = false

    @Option(help: ArgumentHelp("Requests in flight at once.", valueName: "n"))
    var parallelism: Int = 4

    func validate() throws {
        guard parallelism >= 1 && parallelism <= 64 else {
            throw ValidationError("--parallelism must be between 1 and 64")
        }
        if planFile != nil && (planOptions.prune || planOptions.allowMassDelete || planOptions.allowDeleteInUse) {
            throw ValidationError("--prune, --allow-mass-delete and --allow-delete-in-use are decided when the plan is made; pass them to 'segctl plan'")
        }
    }

    func run() async throws {
        let run: PlanRun
        if let planFile {
            run = await savedRun(planFile)
        } else {
            var fresh = await PlanRun.make(root: root, remoteOptions: remoteOptions, options: planOptions.options)
            await fresh.resolveLabels()
            Output.standardOutput(PlanFormat.text.render(fresh.plan, options: PlanRenderOptions(colored: Output.wantsColor())))
            run = fresh
        }
        let plan = run.plan
        guard plan.isApplicable else {
            if planFile != nil {
                for problem in plan.problems { Output.standardError("segctl: error: [\(problem.rule)] \(problem.message)\n") }
                Fail.with("the plan cannot be applied")
            }
            Fail.with("the plan cannot be applied (see the problems above)")
        }
        guard plan.hasChanges else {
            Output.standardOutput("Nothing to apply.\n")
            Output.exit(.success)
        }
        if planFile == nil && !autoApprove {
            confirm()
        }
        let progress = ApplyProgress(interactive: Output.isTerminalOutput)
        let report = await PlanExecutor(parallelism: parallelism).apply(plan, to: run.remote) { outcome, finished, total in
            progress.finished(outcome, finished, total)
        }
        progress.summary(report)
        Output.exit(report.succeeded ? .success : .failure)
    }

    /// Asks for `yes` on a terminal; refuses without one.
    func confirm() {
        guard Output.isInteractive else {
            Fail.with("refusing to apply without confirmation: standard input is not a terminal; pass --auto-approve, or save a plan with 'segctl plan --out' and apply that")
        }
        Output.standardOutput("\nApply these changes? Only 'yes' will be accepted: ")
        let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces)
        guard answer == "yes" else {
            Output.standardOutput("Apply cancelled; nothing was changed.\n")
            Output.exit(.failure)
        }
    }

    /// Loads a saved plan and refuses it if anything it was computed from has changed.
    func savedRun(_ path: String) async -> PlanRun {
        let workspace = Workspace.open(root)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(workspace.repository.absolutePath(path), limit: SavedPlan.maxFileSize)
        } catch {
            Fail.with("cannot read the plan file \(path): \(error.reason)")
        }
        let saved: SavedPlan
        do {
            saved = try SavedPlan.parse(bytes)
        } catch {
            Fail.with("\(path): \(error.reason)")
        }
        let run = await PlanRun.make(root: root, remoteOptions: remoteOptions, options: saved.options)
        var stale: [String] = []
        if saved.target != run.plan.target || saved.apiURL != run.url {
            stale.append("the plan was made for the \(saved.target.rawValue) API at \(saved.apiURL); segctl is now configured for \(run.plan.target.rawValue) at \(run.url)")
        }
        stale += saved.fileDifferences(from: run.fileDigests)
        stale += saved.fingerprint.differences(from: run.plan.fingerprint)
        if stale.isEmpty && !saved.matches(run.plan) {
            stale.append("the plan computed now from the same inputs differs from the saved one (was it made by another segctl version?)")
        }
        guard stale.isEmpty else {
            Output.standardError("segctl: error: the saved plan \(path) is stale; nothing was changed:\n")
            for line in stale { Output.standardError("  - \(line)\n") }
            Fail.with("run 'segctl plan --out \(path)' again, review it, then apply it")
        }
        return run
    }
}
