import SegmentsCore

/// The repository a command works on, opened from the global `-C` and `--config` options.
struct Workspace {
    /// The opened repository.
    var repository: Repository

    /// Opens the repository, or explains the configuration problem in `format` and exits 2.
    static func open(_ root: Segctl, format: DiagnosticFormat = .text, toStandardError: Bool = true) -> Workspace {
        var cwd = FileSystem.currentDirectory()
        if let directory = root.directory {
            let target = directory.hasPrefix("/") ? directory : cwd + "/" + directory
            guard case .directory = FileSystem.kind(of: target, follow: true) else {
                Output.standardError("segctl: error: cannot change to '\(directory)': no such directory\n")
                Output.exit(.usage)
            }
            cwd = FileSystem.realPath(target) ?? target
        }
        do {
            return Workspace(repository: try Repository.open(workingDirectory: cwd, configFile: root.config))
        } catch {
            let reporter = format.reporter(colored: Output.wantsColor(standardError: toStandardError))
            let text = reporter.report(error.diagnostics, summary: DiagnosticSummary(diagnostics: error.diagnostics, files: 0))
            if toStandardError { Output.standardError(text) } else { Output.standardOutput(text) }
            Output.exit(.usage)
        }
    }

    /// Lists and validates every segment file.
    func validate(recordingDigests: Bool = false) -> Validator.Report {
        let (files, listing) = repository.segmentFiles()
        var validator = Validator(config: repository.config)
        validator.recordsDigests = recordingDigests
        var result = validator.validate(files)
        if !listing.isEmpty {
            result.diagnostics = Diagnostic.sorted(result.diagnostics + listing)
        }
        return result
    }
}
