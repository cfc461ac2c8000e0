import ArgumentParser
import SegmentsCore

/// `segctl plan`: what apply would change, member by member.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change remotely, member by member.",
        discussion: """
            Validates the files first, reads the remote state with one list call, and prints \
            the changes. Nothing is changed.

            Exit codes: 0 success, 1 error or a plan that cannot be applied, 2 usage or \
            configuration error. With --detailed-exitcode: 0 no changes, 1 error, 2 changes.
            """
    )

    @ParentCommand var root: Segctl
    @OptionGroup var remoteOptions: RemoteOptions
    @OptionGroup var planOptions: PlanFlags

    @Option(help: "Output format: text, markdown (a pull-request comment) or json.")
    var format: PlanFormat = .text

    @Option(help: ArgumentHelp("Also save the plan to <file> for 'segctl apply <file>'.", valueName: "file"))
    var out: String?

    @Flag(help: "Exit 0 with no changes, 1 on error, 2 when there are changes.")
    var detailedExitcode = false

    @Flag(help: "Do not look up labels (e-mail addresses, company names) of member IDs.")
    var noLabels = false

    @Flag(help: "Print counts instead of member IDs (for public pull-request comments).")
    var redactMembers = false

    func run() async throws {
        var run = await PlanRun.make(root: root, remoteOptions: remoteOptions, options: planOptions.options)
        if !noLabels && !redactMembers {
            await run.resolveLabels()
        }
        if let out {
            let saved = SavedPlan(plan: run.plan, apiURL: run.url, files: run.fileDigests)
            do {
                try FileSystem.writeAtomically(Array(saved.serialized().utf8), to: run.workspace.repository.absolutePath(out))
            } catch {
                Fail.with("cannot write the plan to \(out): \(error.reason)")
            }
        }
        let options = PlanRenderOptions(colored: format == .text && Output.wantsColor(), redactMembers: redactMembers)
        Output.standardOutput(format.render(run.plan, options: options))
        if !run.plan.isApplicable {
            Output.exit(.failure)
        }
        if detailedExitcode && run.plan.hasChanges {
            Output.exit(.usage)
        }
        Output.exit(.success)
    }
}

/// The switches that change what a plan contains, shared by plan and apply.
struct PlanFlags: ParsableArguments {
    @Flag(help: "Delete remote segments that no file declares (also 'prune: true' in segctl.yaml).")
    var prune = false

    @Flag(help: "Allow deleting more than half (or all) of the remote segments.")
    var allowMassDelete = false

    @Flag(help: "Allow deleting segments that feature flags use (ConfigCat).")
    var allowDeleteInUse = false

    var options: PlanOptions {
        PlanOptions(prune: prune, allowMassDelete: allowMassDelete, allowDeleteInUse: allowDeleteInUse)
    }
}

extension PlanFormat: ExpressibleByArgument {}
