import ArgumentParser
import SegmentsCore
import SegmentsDisk

/// The `segctl` command: segments as reviewed, versioned files.
@main
struct Segctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segctl",
        abstract: "Manage feature-flag segments as YAML files in a repository.",
        discussion: """
            Segments are declared as YAML files under the directory set in segctl.yaml (default: segments/). validate checks them, plan shows what \
            would change remotely, apply pushes it, import adopts what already exists.

            Exit codes: 0 success, 1 failure (invalid files, failed changes, an error), 2 usage or configuration error; with plan \
            --detailed-exitcode, 2 means changes are present and every error exits 1.
            """,
        version: BuildInfo.versionDescription,
        subcommands: [
            ValidateCommand.self, PlanCommand.self, ApplyCommand.self, ImportCommand.self,
            MembersCommand.self, FmtCommand.self, SchemaCommand.self,
        ]
    )

    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if segctl was started in <dir>.", valueName: "dir")) var directory: String?
    @Option(help: ArgumentHelp("Use <file> instead of segctl.yaml in the working directory.", valueName: "file")) var config: String?

    /// The repository `-C` and `--config` name; throws `SegctlError.configuration` for a config that cannot be used.
    func repository(maxFileSize: Int = Repository.defaultMaxFileSize) throws(SegctlError) -> Repository {
        var repository = try Repository.open(from: FileSystem.currentDirectory(), changingTo: directory, configFile: config)
        repository.maxFileSize = maxFileSize
        return repository
    }

    /// Parses, runs, and maps every outcome to segctl's exit codes.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            // Every segctl command is asynchronous (the root itself only prints its help).
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand { try await asyncCommand.run() } else { try command.run() }
        } catch {
            end(with: error, detailedExitcode: arguments.contains("--detailed-exitcode"))
        }
    }

    /// The one place segctl ends with an error: the message, then the exit status. With
    /// `--detailed-exitcode`, 2 means "changes", so usage and configuration errors exit 1.
    static func end(with error: any Error, detailedExitcode: Bool) -> Never {
        var status: ExitStatus
        if error is ExitStatus || error is SegctlError || !isArgumentParserError(error) {
            Console.standardError(Termination.message(for: error, colored: Console.wantsColor(standardError: true)))
            status = Termination.status(for: error)
        } else if exitCode(for: error) == .success {
            Console.standardOutput(fullMessage(for: error) + "\n")
            status = .success
        } else {
            Console.standardError(fullMessage(for: error) + "\n")
            status = exitCode(for: error) == .validationFailure ? .usage : .failure
        }
        if detailedExitcode && status == .usage && !(error is ExitStatus) { status = .failure }
        Platform.exit(status.rawValue)
    }

    /// Whether swift-argument-parser made `error`: help, version, a usage error, an exit code.
    static func isArgumentParserError(_ error: any Error) -> Bool {
        error is CleanExit || error is ExitCode || error is ValidationError || exitCode(for: error) != .failure
    }
}
