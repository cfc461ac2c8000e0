import ArgumentParser
import SegmentsCore
import SegmentsDisk

/// `segctl fmt`: put segment files into canonical form, keeping comments.
struct FmtCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Format segment files: key order, sorted unique IDs, two-space indentation.",
        discussion: """
            Comments are kept. Files that do not validate are left alone (and reported). With --check nothing is written: the files that would \
            change are listed and the exit code is 1 if there are any.
            """
    )

    @ParentCommand var root: Segctl
    @Flag(help: "Change nothing; list files that are not formatted and exit 1 if any.") var check = false
    @Argument(help: ArgumentHelp("Files or directories (default: the segments directory).", valueName: "path")) var paths: [String] = []

    func run() async throws {
        let repository = try root.repository()
        let contents = repository.contents()
        var failed = 0
        for problem in contents.listingProblems { Console.error("\(problem.location.map { "\($0.file): " } ?? "")\(problem.message)") }
        var unformatted = 0
        for file in try repository.select(paths, from: contents.files) {
            switch Formatting(config: repository.config).format(file) {
            case .unchanged: continue
            case .refused(let reason):
                Console.error(reason)
                failed += 1
            case .formatted where check:
                unformatted += 1
                Console.standardOutput(file.path + "\n")
            case .formatted(let bytes):
                do {
                    try repository.write(bytes, to: file.path)
                    Console.standardOutput("formatted \(file.path)\n")
                } catch {
                    Console.standardError(Termination.message(for: error, colored: false))
                    failed += 1
                }
            }
        }
        if failed > 0 || unformatted > 0 { throw ExitStatus.failure }
    }
}
