import ArgumentParser
import SegmentsCore

/// How member IDs are shown, shared by plan and apply.
struct DisplayFlags: ParsableArguments {
    @Flag(help: "Do not look up labels (e-mail addresses, company names) of member IDs.")
    var noLabels = false

    @Flag(help: "Print counts instead of member IDs and labels (also output.redactMembers in segctl.yaml, or SEGCTL_REDACT_MEMBERS=1).")
    var redactMembers = false

    @Flag(help: "List every added and removed ID in the text format, however many.")
    var showAllMembers = false

    /// Whether member IDs stay out of the output, for `config` in this environment.
    func redacts(_ config: RepositoryConfig) -> Bool {
        OutputPolicy.redactsMembers(flag: redactMembers, config: config, environment: Workspace.environment)
    }

    /// The render options for `config`; colour when `colored`.
    func renderOptions(_ config: RepositoryConfig, colored: Bool) -> PlanRenderOptions {
        PlanRenderOptions(colored: colored, redactMembers: redacts(config), memberLimit: showAllMembers ? nil : PlanRenderOptions.defaultMemberLimit)
    }

    /// Whether labels are looked up.
    func wantsLabels(_ config: RepositoryConfig) -> Bool {
        !noLabels && !redacts(config)
    }
}
