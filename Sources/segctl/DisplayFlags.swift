import ArgumentParser
import SegmentsCore
import SegmentsDisk

/// How member IDs are shown, shared by plan and apply.
struct DisplayFlags: ParsableArguments {
    @Flag(help: "Do not look up labels (e-mail addresses, company names) of member IDs.") var noLabels = false
    @Flag(help: "Print counts instead of member IDs and labels (also output.redactMembers in segctl.yaml, or SEGCTL_REDACT_MEMBERS=1).") var redactMembers = false
    @Flag(help: "List every added and removed ID in the text format, however many (by default 100 per list and 10,000 in all).") var showAllMembers = false

    /// Looks up labels (unless told not to or redacting) for the IDs that `format`, and any of
    /// `alsoShownBy`, will print, then prints the plan in `format`; returns the options it
    /// rendered with (colour aside).
    @discardableResult
    func show(
        _ session: inout PlanSession, format: PlanFormat, alsoShownBy: [PlanFormat] = [], config: RepositoryConfig, remote: any SegmentsRemote
    ) async throws -> PlanRenderOptions {
        let redact = OutputPolicy.redactsMembers(flag: redactMembers, config: config, environment: Console.environment)
        let options = PlanRenderOptions.listing(allMembers: showAllMembers, colored: format == .text && Console.wantsColor(), redactMembers: redact)
        if !noLabels && !redact {
            for warning in await session.resolveLabels(from: remote, shownBy: [format] + alsoShownBy, options: options) { Console.warning(warning) }
        }
        Console.standardOutput(format.render(session.plan, options: options))
        var rendered = options
        rendered.colored = false
        return rendered
    }
}
