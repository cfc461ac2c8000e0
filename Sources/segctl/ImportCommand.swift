import ArgumentParser
import SegmentsClient
import SegmentsCore

/// `segctl import`: adopt segments that already exist remotely by writing their files.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write files for existing remote segments (id pinned, IDs sorted and labelled).",
        discussion: """
            After 'segctl import --all', 'segctl plan' shows no changes. Files that already \
            declare a segment are not overwritten unless --force.
            """
    )

    @ParentCommand var root: Segctl
    @OptionGroup var remoteOptions: RemoteOptions

    @Flag(help: "Import every remote segment.")
    var all = false

    @Flag(help: "Overwrite the files of segments that are already declared.")
    var force = false

    @Flag(help: "Do not write labels as comments after member IDs.")
    var noLabels = false

    @Argument(help: ArgumentHelp("Names of the remote segments to import.", valueName: "name"))
    var names: [String] = []

    func validate() throws {
        if all == !names.isEmpty {
            throw ValidationError(all ? "give either --all or segment names, not both" : "name the segments to import, or pass --all")
        }
    }

    func run() async throws {
        let workspace = Workspace.open(root)
        let repository = workspace.repository
        let declared = workspace.validate().segments
        let (remote, _) = PlanRun.connect(remoteOptions, repository.config)
        let segments: [RemoteSegment]
        do {
            segments = try await remote.listSegments()
        } catch {
            Fail.with(error)
        }
        var selected = segments
        if !all {
            let missing = names.filter { name in !segments.contains { $0.name == name } }
            guard missing.isEmpty else {
                Fail.with("no remote segment is named \(missing.map { "'\($0)'" }.joined(separator: ", "))")
            }
            selected = segments.filter { names.contains($0.name) }
        }
        selected.sort { ($0.name, $0.id) < ($1.name, $1.id) }
        let labels = noLabels ? [:] : await Self.labels(for: selected, schema: repository.config.schema, remote: remote)
        let writer = SegmentFileWriter(schema: repository.config.schema)
        var taken = Set(declared.map { repository.absolutePath($0.file) })
        var refused = 0
        for segment in selected {
            let existing = declared.first { $0.pinnedID == segment.id } ?? declared.first { $0.pinnedID == nil && $0.name == segment.name }
            let path: String
            if let existing {
                guard force else {
                    Output.standardError("segctl: error: '\(segment.name)' is already declared in \(existing.file); pass --force to overwrite it\n")
                    refused += 1
                    continue
                }
                path = repository.absolutePath(existing.file)
            } else {
                path = Self.freePath(for: segment.name, in: repository.segmentsPath, taken: taken)
            }
            taken.insert(path)
            let protect = existing?.protect ?? false
            let text = writer.text(for: segment.state, id: segment.id, protect: protect, labels: labels)
            do {
                try FileSystem.writeAtomically(Array(text.utf8), to: path)
            } catch {
                Fail.with("cannot write \(repository.displayPath(path)): \(error.reason)")
            }
            Output.standardOutput("imported '\(segment.name)' (\(segment.id)) -> \(repository.displayPath(path))\n")
        }
        let written = selected.count - refused
        Output.standardOutput("Imported \(written) segment\(written == 1 ? "" : "s")\(refused > 0 ? "; \(refused) refused" : "").\n")
        Output.exit(refused > 0 ? .failure : .success)
    }

    /// Labels of every member of the imported segments, one batched lookup per kind.
    static func labels(for segments: [RemoteSegment], schema: SegmentSchema, remote: any SegmentsRemote) async -> [SegmentSchema.MemberKind: [String: String]] {
        var result: [SegmentSchema.MemberKind: [String: String]] = [:]
        for field in schema.memberFields {
            guard case .members(let kind?) = field.kind else { continue }
            let ids = Set(segments.flatMap { $0.state[field.key].listItems ?? [] })
            guard !ids.isEmpty else { continue }
            do {
                result[kind, default: [:]].merge(try await remote.resolveLabels(ids.sorted(), kind: kind)) { a, _ in a }
            } catch {
                Output.standardError("segctl: warning: could not look up \(kind.rawValue) labels (\(error)); writing IDs without comments\n")
            }
        }
        return result
    }

    /// `<directory>/<slug>.yaml`, with a numeric suffix if another file has that name.
    static func freePath(for name: String, in directory: String, taken: Set<String>) -> String {
        let slug = Self.slug(name)
        var candidate = "\(directory)/\(slug).yaml"
        var counter = 2
        while taken.contains(candidate) || FileSystem.kind(of: candidate) != .missing {
            candidate = "\(directory)/\(slug)-\(counter).yaml"
            counter += 1
        }
        return candidate
    }

    /// A file name from a segment name: lowercase letters and digits joined by dashes.
    static func slug(_ name: String) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        while out.hasPrefix("-") { out.removeFirst() }
        return out.isEmpty ? "segment" : String(out.prefix(100))
    }
}

extension FileSystem.EntryKind: Equatable {
    public static func == (lhs: FileSystem.EntryKind, rhs: FileSystem.EntryKind) -> Bool {
        switch (lhs, rhs) {
        case (.missing, .missing), (.directory, .directory), (.symlink, .symlink), (.other, .other): true
        case let (.regular(a), .regular(b)): a == b
        default: false
        }
    }
}
