import ArgumentParser
import SegmentsDisk

/// `--no-step-summary`: in GitHub Actions (`GITHUB_STEP_SUMMARY` set), validate and plan
/// append their report to the job summary unless told not to.
struct StepSummary: ParsableArguments {
    @Flag(help: "Do not append the report to GitHub's job summary ($GITHUB_STEP_SUMMARY).") var noStepSummary = false

    /// Whether a report will be appended: in GitHub Actions, unless told not to.
    var isActive: Bool {
        guard !noStepSummary, let path = Console.environment["GITHUB_STEP_SUMMARY"] else { return false }
        return !path.isEmpty
    }

    /// Appends `markdown` to the job summary, if there is one; a failure is a warning.
    func append(_ markdown: @autoclosure () -> String) {
        guard isActive, let path = Console.environment["GITHUB_STEP_SUMMARY"] else { return }
        do {
            try FileSystem.append(markdown() + "\n", to: path)
        } catch {
            Console.warning("could not append to the job summary \(path): \(error.reason)")
        }
    }
}
