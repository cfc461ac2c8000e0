import ArgumentParser
import SegmentsCore

/// `segctl fmt`: put segment files into canonical form, keeping comments.
struct FmtCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Format segment files: key order, sorted unique IDs, two-space indentation.",
        discussion: """
            Comments are kept. Files that do not validate are left alone (and reported). \
            With --check nothing is written: the files that would change are listed and the \
            exit code is 1 if there are any.
            """
    )

    @ParentCommand var root: Segctl

    @Flag(help: "Change nothing; list files that are not formatted and exit 1 if any.")
    var check = false

    @Argument(help: ArgumentHelp("Files or directories (default: the segments directory).", valueName: "path"))
    var paths: [String] = []

    func run() async throws {
        let workspace = Workspace.open(root)
        let repository = workspace.repository
        let files = selectedFiles(repository)
        let validator = Validator(config: repository.config)
        let formatter = SegmentFormatter(schema: repository.config.schema)
        var unformatted = 0
        var failed = 0
        for file in files {
            let (_, diagnostics, _) = validator.validate(file: file)
            if let error = diagnostics.first(where: { $0.severity == .error }) {
                Output.standardError("segctl: error: \(error.location.map { "\($0): " } ?? "")\(error.message); not formatted\n")
                failed += 1
                continue
            }
            guard case .success(let source) = file.load() else { continue }
            let formatted: [UInt8]
            do {
                formatted = try formatter.format(source.bytes)
            } catch {
                Output.standardError("segctl: error: \(file.path): \(error.message); not formatted\n")
                failed += 1
                continue
            }
            guard formatted != source.bytes else { continue }
            unformatted += 1
            if check {
                Output.standardOutput(file.path + "\n")
                continue
            }
            do {
                try FileSystem.writeAtomically(formatted, to: repository.absolutePath(file.path))
                Output.standardOutput("formatted \(file.path)\n")
            } catch {
                Output.standardError("segctl: error: cannot write \(file.path): \(error.reason)\n")
                failed += 1
            }
        }
        Output.exit(failed > 0 || (check && unformatted > 0) ? .failure : .success)
    }

    /// The segment files under the given paths, or all of them.
    func selectedFiles(_ repository: Repository) -> [PendingSourceFile] {
        let (all, listing) = repository.segmentFiles()
        for problem in listing {
            Output.standardError("segctl: error: \(problem.location.map { "\($0.file): " } ?? "")\(problem.message)\n")
        }
        guard !paths.isEmpty else { return all }
        var selected: [PendingSourceFile] = []
        for path in paths {
            let absolute = repository.absolutePath(path)
            switch FileSystem.kind(of: absolute, follow: true) {
            case .directory:
                let prefix = repository.displayPath(absolute) + "/"
                selected += all.filter { $0.path.hasPrefix(prefix) || repository.displayPath(absolute) == "." }
            case .regular:
                let display = repository.displayPath(absolute)
                selected.append(PendingSourceFile(path: display) {
                    do throws(FileSystem.Failure) {
                        return .success(SourceFile(path: display, bytes: try FileSystem.read(absolute, limit: repository.maxFileSize)))
                    } catch {
                        return .failure(.error("unreadable", "cannot read file: \(error.reason)", at: SourceLocation(file: display, line: 1, column: 1)))
                    }
                })
            default:
                Fail.with("\(path): no such file or directory")
            }
        }
        return selected
    }
}
