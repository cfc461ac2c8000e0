import ArgumentParser
import SegmentsCore

/// The `segctl` command: segments as reviewed, versioned files.
@main
struct Segctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segctl",
        abstract: "Manage feature-flag segments as YAML files in a repository.",
        discussion: """
            Segments are declared as YAML files under the directory set in segctl.yaml \
            (default: segments/). validate checks them, plan shows what would change \
            remotely, apply pushes it, import adopts what already exists.

            Exit codes: 0 success, 1 failure (invalid files, failed changes, an error), \
            2 usage or configuration error; with plan --detailed-exitcode, 2 means changes \
            are present and every error exits 1.
            """,
        version: BuildInfo.versionDescription,
        subcommands: [
            ValidateCommand.self, PlanCommand.self, ApplyCommand.self, ImportCommand.self,
            MembersCommand.self, FmtCommand.self, SchemaCommand.self,
        ]
    )

    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if segctl was started in <dir>.", valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp("Use <file> instead of segctl.yaml in the working directory.", valueName: "file"))
    var config: String?

    /// Parses, runs, and maps every outcome to segctl's exit codes.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                // Usage errors exit 2, like every other tool in a CI script; with
                // --detailed-exitcode 2 means "changes", so usage errors are 1 there.
                Output.standardError(fullMessage(for: error) + "\n")
                let detailed = arguments.contains("--detailed-exitcode")
                Output.exit(detailed ? .failure : .usage)
            }
            exit(withError: error)
        }
    }
}
