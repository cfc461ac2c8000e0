/// One `segctl members` edit: find the one file that declares the segment, check the new IDs
/// with the target's item rules, edit the list in place, guard against mass removal, and
/// validate the result. Writing (under a lock) is the caller's; this works on values.
public struct MemberEdit: Sendable {
    /// What to do.
    public struct Request: Sendable {
        /// The segment's name.
        public var segment: String
        /// Add, remove or set.
        public var operation: MemberListEditor.Operation
        /// Edit the company list rather than the default one.
        public var companies: Bool
        /// Where each new ID came from (`argument 2`, `ids.txt:14`), for messages.
        public var places: [String]
        /// Allow `set` to remove more than half of the list, or all of it.
        public var allowMassRemoval: Bool
        /// Keep IDs out of every sentence (a public CI log).
        public var redactMembers: Bool
        /// The list to edit, when it is named rather than chosen by `companies`.
        public var key: String?

        /// Creates a request.
        public init(segment: String, operation: MemberListEditor.Operation, companies: Bool = false, places: [String] = [], allowMassRemoval: Bool = false, redactMembers: Bool = false, key: String? = nil) {
            self.key = key
            self.segment = segment
            self.operation = operation
            self.companies = companies
            self.places = places
            self.allowMassRemoval = allowMassRemoval
            self.redactMembers = redactMembers
        }
    }

    /// What an edit did.
    public struct Outcome: Sendable {
        /// The new file.
        public var bytes: [UInt8]
        /// `beta-testers: +3 -1 userIds`.
        public var summary: String
        /// IDs added and removed, for a dry run; empty when values must stay hidden.
        public var shownAdded: [String]
        public var shownRemoved: [String]
        /// Warnings (IDs asked to be removed that were not listed).
        public var warnings: [String]

        /// What to print: the summary, and for a dry run the IDs that would change.
        public func text(dryRun: Bool, file: String) -> String {
            guard dryRun else { return summary + "\n" }
            var out = "\(summary) (dry run; \(file) not changed)\n"
            for id in shownAdded { out += "  + \(UntrustedText.escaped(id))\n" }
            for id in shownRemoved { out += "  - \(UntrustedText.escaped(id))\n" }
            return out
        }
    }

    /// The file to edit (display path).
    public let file: String
    /// The list to edit.
    public let key: String
    /// The segment as declared.
    public let declaration: SegmentDeclaration
    private let request: Request
    private let config: RepositoryConfig
    private let hidesValues: Bool

    /// Finds the segment's file in `contents` and checks the request; throws a failure that
    /// says what is wrong, before anything is read for editing.
    public init(_ request: Request, in contents: RepositoryContents) throws(SegctlError) {
        let report = contents.validate()
        let matches = report.segments.filter { $0.name == request.segment }
        guard let declaration = matches.first else {
            let names = report.segments.map(\.name).filter { !$0.isEmpty }.sorted()
            let hint = UnknownKeyRule.suggestion(for: request.segment, among: names).map { "; did you mean '\($0)'?" } ?? ""
            throw .failed("no segment file declares '\(request.segment)'\(hint)")
        }
        guard matches.count == 1 else {
            throw .failed("'\(request.segment)' is declared by several files (\(matches.map(\.file).joined(separator: ", "))); fix that first")
        }
        let fileErrors = report.diagnostics.filter { $0.severity == .error && $0.location?.file == declaration.file && $0.rule != UniqueNameRule.id }
        guard fileErrors.isEmpty else {
            throw .invalid(fileErrors, summary: DiagnosticSummary(diagnostics: fileErrors, files: 1), message: "\(declaration.file) does not validate; fix it before editing its members")
        }
        let config = contents.config
        do throws(TargetRefusal) {
            if let named = request.key {
                key = named
            } else {
                key = try config.target.editableList(of: declaration, companies: request.companies)
            }
        } catch {
            throw .failed(error.message)
        }
        self.file = declaration.file
        self.declaration = declaration
        self.request = request
        self.config = config
        hidesValues = request.redactMembers || config.target.isSensitive(declaration.state)
        try checkNewIDs()
    }

    /// Refuses IDs that could never be valid, naming where each came from.
    private func checkNewIDs() throws(SegctlError) {
        switch request.operation {
        case .add(let ids, _): try check(ids)
        case .set(let ids): try check(ids)
        case .remove: break
        }
    }

    private func check(_ ids: [String]) throws(SegctlError) {
        let context = ValidationContext(config: config)
        let rules = config.target.segmentRules.compactMap { $0 as? any ItemRule }
        var problems: [String] = []
        for (index, id) in ids.enumerated() {
            let place = index < request.places.count ? request.places[index] : "ID \(index + 1)"
            for rule in rules {
                for problem in rule.problems(ofItem: id, key: key, of: declaration, in: context) {
                    problems.append("\(place): \(hidesValues ? problem.replacing(UntrustedText.escaped(id), with: "(hidden)") : problem)")
                }
            }
        }
        guard problems.isEmpty else {
            var before = Array(problems.prefix(20))
            if problems.count > 20 { before.append("... and \(problems.count - 20) more") }
            throw .failed("refusing to edit: \(problems.count) invalid ID\(problems.count == 1 ? "" : "s"); nothing was changed", before: before)
        }
    }

    /// Edits `bytes`, the file as read now (under the caller's lock).
    public func apply(to bytes: [UInt8]) throws(SegctlError) -> Outcome {
        let edit: MemberListEditor.Edit
        do {
            edit = try MemberListEditor(schema: config.schema).apply(request.operation, key: key, to: bytes, file: file)
        } catch {
            throw .failed("\(error.location.map { "\($0): " } ?? "")\(error.message); \(file) was not changed")
        }
        if case .set = request.operation, !request.allowMassRemoval {
            let before = edit.existingCount
            let removed = edit.removed.count
            // Emptying a list is refused at any size; removing most of it, from 10 IDs on.
            if (removed > 0 && removed == before) || MassRemoval.applies(removed: removed, before: before) {
                let extent = removed == before ? "all \(before)" : "\(removed) of \(before)"
                throw .failed("refusing to remove \(extent) members of '\(declaration.name)' (\(key)), more than half; if that is intended (check the source of the IDs first), run again with --allow-mass-removal; \(file) was not changed")
            }
        }
        var validator = Validator(config: config)
        validator.recordsDigests = false
        let after = validator.validate([SourceFile(path: file, bytes: edit.bytes)])
        let errors = after.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw .failed("refusing to write \(file): the result would not validate; the file was not changed", before: errors.map(\.message))
        }
        let dates = edit.reexpired.isEmpty ? "" : ", \(edit.reexpired.count) expir\(edit.reexpired.count == 1 ? "y" : "ies") set"
        return Outcome(
            bytes: edit.bytes,
            summary: "\(declaration.name): +\(edit.added.count) -\(edit.removed.count) \(key)\(dates)",
            shownAdded: hidesValues ? [] : edit.added,
            shownRemoved: hidesValues ? [] : edit.removed,
            warnings: edit.notListed.map { "\(hidesValues ? "an ID" : "'\(UntrustedText.escaped($0))'") is not in \(key)" })
    }
}
