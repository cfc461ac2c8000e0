import ArgumentParser
import SegmentsCore
import SegmentsDisk

/// `segctl import`: adopt segments that already exist remotely by writing their files.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write files for existing remote segments (id pinned, IDs sorted and labelled).",
        discussion: """
            After 'segctl import --all', 'segctl plan' shows no changes. Files that already declare a segment are not overwritten unless --force. \
            The files are validated before anything is written: remote IDs that the configured formats reject are reported with a format that would \
            accept them, and nothing is written unless --allow-invalid. A complete family of ConfigCat shards becomes one file.
            """
    )

    @ParentCommand var root: Segctl
    @OptionGroup var remoteOptions: RemoteOptions
    @Flag(help: "Import every remote segment.") var all = false
    @Flag(help: "Overwrite the files of segments that are already declared.") var force = false
    @Flag(help: "Do not write labels as comments after member IDs.") var noLabels = false
    @Flag(help: "Write the files even if what the remote holds does not validate.") var allowInvalid = false
    @Flag(help: "Keep member IDs out of messages (also output.redactMembers, SEGCTL_REDACT_MEMBERS=1).") var redactMembers = false
    @Argument(help: ArgumentHelp("Names of the remote segments to import.", valueName: "name")) var names: [String] = []

    func validate() throws {
        if all == !names.isEmpty {
            throw ValidationError(all ? "give either --all or segment names, not both" : "name the segments to import, or pass --all")
        }
    }

    func run() async throws {
        let repository = try root.repository()
        let redact = OutputPolicy.redactsMembers(flag: redactMembers, config: repository.config, environment: Console.environment)
        let request = Import.Request(names: names, all: all, force: force, labels: !noLabels, allowInvalid: allowInvalid, redactMembers: redact)
        let result = try await Import.prepare(request, contents: repository.contents(), remote: remoteOptions.connect(repository.config).remote)
        for warning in result.warnings { Console.warning(warning) }
        for entry in result.entries {
            switch entry {
            case .refused(let reason): Console.error(reason)
            case .write(let file):
                try repository.write(Array(file.text.utf8), to: file.path)
                Console.standardOutput("imported '\(UntrustedText.escaped(file.name))' (\(UntrustedText.escaped(file.id))) -> \(file.path)\n")
            }
        }
        let refused = result.refusals.isEmpty ? "" : "; \(result.refusals.count) refused"
        Console.standardOutput("Imported \(result.writes.count) segment\(result.writes.count == 1 ? "" : "s")\(refused).\n")
        if !result.refusals.isEmpty { throw ExitStatus.failure }
    }
}
