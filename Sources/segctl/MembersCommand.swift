import ArgumentParser
import SegmentsCore
import SegmentsDisk

/// `segctl members`: edit a segment's member list in place, keeping the file's comments.
struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "Add, remove or set the members of a segment, editing its file in place.",
        discussion: """
            Only the lines of IDs that change are touched; comments, blank lines and the comments after kept IDs stay. New IDs go in sorted order \
            (appended if the list is not sorted). The result is validated before it is written, atomically, under a lock that keeps concurrent runs \
            from losing each other's edits.
            """,
        subcommands: [Add.self, Remove.self, Set.self, PruneExpired.self]
    )

    @ParentCommand var root: Segctl

    /// Options every members subcommand takes.
    struct Common: ParsableArguments {
        @Flag(help: "Edit companyIds instead of userIds (platform target).") var companies = false
        @Flag(help: "Show what would change without writing the file.") var dryRun = false
        @Flag(help: "Keep member IDs out of the output (also output.redactMembers, SEGCTL_REDACT_MEMBERS=1).") var redactMembers = false

        /// Runs `operation` on `segment`'s list, printing what changed.
        func edit(_ segment: String, _ operation: MemberListEditor.Operation, places: [String] = [], allowMassRemoval: Bool = false, key: String? = nil, root: Segctl) throws {
            let repository = try root.repository()
            let redact = OutputPolicy.redactsMembers(flag: redactMembers, config: repository.config, environment: Console.environment)
            let edit = try MemberEdit(MemberEdit.Request(
                segment: segment, operation: operation, companies: companies, places: places,
                allowMassRemoval: allowMassRemoval, redactMembers: redact, key: key), in: repository.contents())
            guard let outcome = try repository.perform(edit, dryRun: dryRun) else { return }
            for warning in outcome.warnings { Console.warning(warning) }
            Console.standardOutput(outcome.text(dryRun: dryRun, file: edit.file))
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add IDs to a segment, permanently or until a time.")
        @ParentCommand var members: MembersCommand
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("The segment's name.", valueName: "segment")) var segment: String
        @Argument(help: ArgumentHelp("The IDs to add.", valueName: "id")) var ids: [String]
        @Option(help: ArgumentHelp("Members until <time>: a date or an RFC 3339 timestamp.", valueName: "time"), transform: TimeOptions.parse) var expires: Timestamp?
        @Option(name: .customLong("for"), help: ArgumentHelp("Members for <duration> from now: 90m, 12h, 30d or 2w.", valueName: "duration")) var duration: String?

        func validate() throws {
            if expires != nil && duration != nil { throw ValidationError("give --expires or --for, not both") }
            if let duration, Timestamp.seconds(ofDuration: duration) == nil { throw ValidationError("--for takes a duration such as 90m, 12h, 30d or 2w, not '\(duration)'") }
        }

        func run() async throws {
            let until = expires ?? duration.flatMap(Timestamp.seconds(ofDuration:)).map { TimeOptions.now.adding(seconds: $0) }
            try common.edit(segment, .add(ids, expires: until), places: ids.indices.map { "argument \($0 + 1)" }, root: members.root)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove IDs from a segment.")
        @ParentCommand var members: MembersCommand
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("The segment's name.", valueName: "segment")) var segment: String
        @Argument(help: ArgumentHelp("The IDs to remove.", valueName: "id")) var ids: [String]

        func run() async throws {
            try common.edit(segment, .remove(ids), root: members.root)
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a segment's list exactly the given IDs.",
            discussion: """
                Input: one ID per line; blank lines and lines starting with # are ignored; \
                duplicates collapse. IDs that stay keep their expiry. Removing more than half \
                of the list (10 or more), or all of it, is refused unless --allow-mass-removal: \
                an empty or wrong source must not take access away from everyone.
                """)
        @ParentCommand var members: MembersCommand
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("The segment's name.", valueName: "segment")) var segment: String
        @Option(help: ArgumentHelp("Read the IDs from <file>.", valueName: "file")) var fromFile: String?
        @Flag(help: "Read the IDs from standard input.") var stdin = false
        @Flag(help: "Allow removing more than half of the list, or all of it.") var allowMassRemoval = false

        func validate() throws {
            if (fromFile == nil) == !stdin { throw ValidationError("give exactly one of --from-file <file> or --stdin") }
        }

        func run() async throws {
            let inputs = try Repository.memberInput(from: fromFile)
            try common.edit(segment, .set(inputs.map(\.id)), places: inputs.map(\.place), allowMassRemoval: allowMassRemoval, root: members.root)
        }
    }

    struct PruneExpired: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the items whose expiry has come, keeping comments.")
        @ParentCommand var members: MembersCommand
        @OptionGroup var common: Common
        @OptionGroup var time: TimeOptions
        @Argument(help: ArgumentHelp("The segments to prune (default: every segment).", valueName: "segment")) var segments: [String] = []

        func run() async throws {
            let removals = try ExpiredMembers.removals(in: try members.root.repository().contents(), segments: segments, asOf: time.instant)
            if removals.isEmpty { return Console.standardOutput("No expired members as of \(time.instant).\n") }
            for removal in removals {
                try common.edit(removal.segment, .remove(removal.ids), allowMassRemoval: true, key: removal.key, root: members.root)
            }
        }
    }
}
