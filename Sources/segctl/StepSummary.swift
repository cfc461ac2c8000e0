import ArgumentParser
import SegmentsDisk

/// `--no-step-summary`: in GitHub Actions (`GITHUB_STEP_SUMMARY` set), validate and plan
/// append their report to the job summary unless told not to.
struct StepSummary: ParsableArguments {
    @Flag(help: "Do not append the report to GitHub's job summary ($GITHUB_STEP_SUMMARY).") var noStepSummary = false

    /// Whether a report will be appended: in GitHub Actions, unless told not to.
    var isActive: Bool { path != nil }

    /// The job summary file, when a report is to be appended to it.
    private var path: String? {
        guard !noStepSummary, let path = Console.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return nil }
        return path
    }

    /// Appends `markdown` to the job summary, if there is one; a failure is a warning.
    func append(_ markdown: @autoclosure () -> String) {
        guard let path else { return }
        do {
            try FileSystem.append(markdown() + "\n", to: path)
        } catch {
            Console.warning("could not append to the job summary \(path): \(error.reason)")
        }
    }
}
