import SegmentsCore

/// One members edit: find the file, check the input, edit, validate, write.
struct MemberEdit {
    let root: Segctl
    let common: MembersCommand.Common

    func run(_ operation: MemberListEditor.Operation, inputs: [(id: String, place: String)]) {
        let workspace = Workspace.open(root)
        let repository = workspace.repository
        let config = repository.config
        let report = workspace.validate()
        let matches = report.segments.filter { $0.name == common.segment }
        guard let declaration = matches.first else {
            let names = report.segments.map(\.name).filter { !$0.isEmpty }.sorted()
            let hint = UnknownKeyRule.suggestion(for: common.segment, among: names).map { "; did you mean '\($0)'?" } ?? ""
            Fail.with("no segment file declares '\(common.segment)'\(hint)")
        }
        guard matches.count == 1 else {
            Fail.with("'\(common.segment)' is declared by several files (\(matches.map(\.file).joined(separator: ", "))); fix that first")
        }
        let fileErrors = report.diagnostics.filter { $0.severity == .error && $0.location?.file == declaration.file && $0.rule != UniqueNameRule.id }
        guard fileErrors.isEmpty else {
            Output.standardError(TextDiagnosticReporter().report(fileErrors, summary: DiagnosticSummary(diagnostics: fileErrors, files: 1)))
            Fail.with("\(declaration.file) does not validate; fix it before editing its members")
        }
        let key = listKey(config: config, declaration: declaration)
        checkInputs(inputs, key: key, config: config, sensitive: isSensitive(declaration))
        let path = repository.absolutePath(declaration.file)
        let original: [UInt8]
        do {
            original = try FileSystem.read(path, limit: repository.maxFileSize)
        } catch {
            Fail.with("cannot read \(declaration.file): \(error.reason)")
        }
        let edit: MemberListEditor.Edit
        do {
            edit = try MemberListEditor(schema: config.schema).apply(operation, key: key, to: original, file: declaration.file)
        } catch {
            Fail.with("\(error.description); \(declaration.file) was not changed")
        }
        var validator = Validator(config: config)
        validator.recordsDigests = false
        let after = validator.validate([SourceFile(path: declaration.file, bytes: edit.bytes)])
        let errors = after.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            for error in errors { Output.standardError("segctl: error: \(error.message)\n") }
            Fail.with("refusing to write \(declaration.file): the result would not validate; the file was not changed")
        }
        for id in edit.notListed {
            Output.standardError("segctl: warning: \(isSensitive(declaration) ? "an ID" : "'\(id)'") is not in \(key)\n")
        }
        let sensitive = isSensitive(declaration)
        var summary = "\(declaration.name): +\(edit.added.count) -\(edit.removed.count) \(key)"
        if common.dryRun {
            summary += " (dry run; \(declaration.file) not changed)"
            Output.standardOutput(summary + "\n")
            if !sensitive {
                for id in edit.added { Output.standardOutput("  + \(id)\n") }
                for id in edit.removed { Output.standardOutput("  - \(id)\n") }
            }
            Output.exit(.success)
        }
        if edit.bytes != original {
            do {
                try FileSystem.writeAtomically(edit.bytes, to: path)
            } catch {
                Fail.with("cannot write \(declaration.file): \(error.reason); the file was not changed")
            }
        }
        Output.standardOutput(summary + "\n")
        Output.exit(.success)
    }

    func listKey(config: RepositoryConfig, declaration: SegmentDeclaration) -> String {
        switch config.api.kind {
        case .platform:
            return common.companies ? "companyIds" : "userIds"
        case .configcat:
            if common.companies {
                Fail.with("--companies applies to the platform target; a ConfigCat segment's list is its comparisonValue")
            }
            if case .string(let name) = declaration.state["comparator"], let comparator = Comparator(rawValue: name), !comparator.takesList {
                Fail.with("'\(declaration.name)' uses \(name), which compares with one value, not a list")
            }
            return "comparisonValue"
        }
    }

    func isSensitive(_ declaration: SegmentDeclaration) -> Bool {
        if case .string(let name) = declaration.state["comparator"] { return Comparator(rawValue: name)?.isSensitive ?? false }
        return false
    }

    /// Refuses IDs that could never be valid, naming where each came from.
    func checkInputs(_ inputs: [(id: String, place: String)], key: String, config: RepositoryConfig, sensitive: Bool) {
        var problems: [String] = []
        for (id, place) in inputs {
            let shown = sensitive ? "a value" : "'\(id)'"
            switch key {
            case "userIds", "companyIds":
                let kind: SegmentSchema.MemberKind = key == "userIds" ? .user : .company
                let pattern = config.idFormats.pattern(for: kind)
                if !pattern.matches(id) {
                    problems.append("\(place): \(shown) does not match the \(kind.rawValue) ID format '\(pattern.source)' (idFormats.\(kind.rawValue))")
                }
            default:
                if id.contains(",") { problems.append("\(place): \(shown) contains a comma, which ConfigCat would split into separate values") }
                if id.unicodeScalars.count > ComparisonValueRule.maxItemLength {
                    problems.append("\(place): \(shown) is longer than \(ComparisonValueRule.maxItemLength) characters")
                }
            }
        }
        guard problems.isEmpty else {
            for problem in problems.prefix(20) { Output.standardError("segctl: error: \(problem)\n") }
            if problems.count > 20 { Output.standardError("segctl: error: ... and \(problems.count - 20) more\n") }
            Fail.with("refusing to edit: \(problems.count) invalid ID\(problems.count == 1 ? "" : "s"); nothing was changed")
        }
    }
}
