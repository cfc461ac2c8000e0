import ArgumentParser
import SegmentsCore

/// `segctl members`: edit a segment's member list in place, keeping the file's comments.
struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "Add, remove or set the members of a segment, editing its file in place.",
        discussion: """
            Only the lines of IDs that change are touched; comments, blank lines and the \
            comments after kept IDs stay. New IDs go in sorted order (appended if the list is \
            not sorted). The result is validated before it is written, atomically.
            """,
        subcommands: [Add.self, Remove.self, Set.self]
    )

    /// Options every members subcommand takes.
    struct Common: ParsableArguments {
        @Argument(help: ArgumentHelp("The segment's name.", valueName: "segment"))
        var segment: String

        @Flag(help: "Edit companyIds instead of userIds (platform target).")
        var companies = false

        @Flag(help: "Show what would change without writing the file.")
        var dryRun = false
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add IDs to a segment.")
        @ParentCommand var members: MembersCommand
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("The IDs to add.", valueName: "id")) var ids: [String]

        func run() async throws {
            MemberEdit(root: members.root, common: common).run(.add(ids), inputs: ids.enumerated().map { ($1, "argument \($0 + 1)") })
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove IDs from a segment.")
        @ParentCommand var members: MembersCommand
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("The IDs to remove.", valueName: "id")) var ids: [String]

        func run() async throws {
            MemberEdit(root: members.root, common: common).run(.remove(ids), inputs: [])
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a segment's list exactly the given IDs.",
            discussion: "Input: one ID per line; blank lines and lines starting with # are ignored; duplicates collapse.")
        @ParentCommand var members: MembersCommand
        @OptionGroup var common: Common
        @Option(help: ArgumentHelp("Read the IDs from <file>.", valueName: "file")) var fromFile: String?
        @Flag(help: "Read the IDs from standard input.") var stdin = false

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
                Fail.with("cannot read \(source): \(error.reason)")
            }
            let inputs = MemberInput.parse(bytes, source: source)
            MemberEdit(root: members.root, common: common).run(.set(inputs.map(\.id)), inputs: inputs.map { ($0.id, $0.place) })
        }
    }

    @ParentCommand var root: Segctl
}
