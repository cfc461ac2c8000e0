import ArgumentParser
import SegmentsCore
import SegmentsDisk

/// `segctl members`: edit a segment's member list in place, keeping the file's comments.
struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "Add, remove or set the members of a segment, editing its file in place.",
        discussion: """
            Only the lines of IDs that change are touched; comments, blank lines and the \
            comments after kept IDs stay. New IDs go in sorted order (appended if the list is \
            not sorted). The result is validated before it is written, atomically, under a lock \
            that keeps concurrent runs from losing each other's edits.
            """,
        subcommands: [Add.self, Remove.self, Set.self]
    )

    @ParentCommand var root: Segctl

    /// Options every members subcommand takes.
    struct Common: ParsableArguments {
        @Argument(help: ArgumentHelp("The segment's name.", valueName: "segment"))
        var segment: String

        @Flag(help: "Edit companyIds instead of userIds (platform target).")
        var companies = false

        @Flag(help: "Show what would change without writing the file.")
        var dryRun = false

        @Flag(help: "Keep member IDs out of the output (also output.redactMembers, SEGCTL_REDACT_MEMBERS=1).")
        var redactMembers = false

        /// Runs `operation` on the segment's file, printing what changed.
        func edit(_ operation: MemberListEditor.Operation, places: [String] = [], allowMassRemoval: Bool = false, root: Segctl) throws {
            let workspace = try Workspace(root)
            let redact = OutputPolicy.redactsMembers(flag: redactMembers, config: workspace.config, environment: Workspace.environment)
            let request = MemberEdit.Request(segment: segment, operation: operation, companies: companies, places: places, allowMassRemoval: allowMassRemoval, redactMembers: redact)
            let edit = try MemberEdit(request, in: workspace.contents)
            var outcome: MemberEdit.Outcome?
            do {
                try LockedEdit.perform(workspace.repository.absolutePath(edit.file), limit: workspace.repository.maxFileSize) { bytes in
                    outcome = try edit.apply(to: bytes)
                    return dryRun ? nil : outcome?.bytes
                }
            } catch let error as FileSystem.Failure {
                throw SegctlError.failed("cannot edit \(edit.file): \(error.reason); the file was not changed")
            }
            guard let outcome else { return }
            for warning in outcome.warnings { Output.warning(warning) }
            Output.standardOutput(outcome.text(dryRun: dryRun, file: edit.file))
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add IDs to a segment.")
        @ParentCommand var members: MembersCommand
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("The IDs to add.", valueName: "id")) var ids: [String]

        func run() async throws {
            try common.edit(.add(ids), places: ids.indices.map { "argument \($0 + 1)" }, root: members.root)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove IDs from a segment.")
        @ParentCommand var members: MembersCommand
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("The IDs to remove.", valueName: "id")) var ids: [String]

        func run() async throws {
            try common.edit(.remove(ids), root: members.root)
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a segment's list exactly the given IDs.",
            discussion: """
                Input: one ID per line; blank lines and lines starting with # are ignored; \
                duplicates collapse. Removing more than half of the list, or all of it, is \
                refused unless --allow-mass-removal: an empty or wrong source must not take \
                access away from everyone.
                """)
        @ParentCommand var members: MembersCommand
        @OptionGroup var common: Common
        @Option(help: ArgumentHelp("Read the IDs from <file>.", valueName: "file")) var fromFile: String?
        @Flag(help: "Read the IDs from standard input.") var stdin = false
        @Flag(help: "Allow removing more than half of the list, or all of it.") var allowMassRemoval = false

        func validate() throws {
            if (fromFile == nil) == !stdin {
                throw ValidationError("give exactly one of --from-file <file> or --stdin")
            }
        }

        func run() async throws {
            let source = fromFile ?? "standard input"
            let bytes: [UInt8]
            do throws(FileSystem.Failure) {
                if let fromFile {
                    bytes = try FileSystem.read(fromFile, limit: MemberInput.maxBytes)
                } else {
                    bytes = try FileSystem.readStandardInput(limit: MemberInput.maxBytes)
                }
            } catch {
                throw SegctlError.failed("cannot read \(source): \(error.reason)")
            }
            let inputs = MemberInput.parse(bytes, source: source)
            try common.edit(.set(inputs.map(\.id)), places: inputs.map(\.place), allowMassRemoval: allowMassRemoval, root: members.root)
        }
    }
}
