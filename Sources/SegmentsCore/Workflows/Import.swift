/// `segctl import`: the files that adopt existing remote segments, each pinned to its id, with
/// IDs sorted and labelled, checked like any segment file before anything is written. After a
/// successful `import --all`, `plan` shows no changes.
public struct Import: Sendable {
    /// What to import.
    public struct Request: Sendable {
        /// The remote names to import; empty with `all`.
        public var names: [String]
        /// Import every remote segment.
        public var all: Bool
        /// Rewrite the files of segments already declared.
        public var force: Bool
        /// Write labels as comments after member IDs.
        public var labels: Bool
        /// Write files even when what the remote holds does not validate.
        public var allowInvalid: Bool
        /// Keep member IDs out of every sentence.
        public var redactMembers: Bool

        /// Creates a request.
        public init(names: [String] = [], all: Bool = false, force: Bool = false, labels: Bool = true, allowInvalid: Bool = false, redactMembers: Bool = false) {
            self.names = names
            self.all = all
            self.force = force
            self.labels = labels
            self.allowInvalid = allowInvalid
            self.redactMembers = redactMembers
        }
    }

    /// One file to write.
    public struct FileWrite: Sendable {
        /// Its display path.
        public var path: String
        /// Its text.
        public var text: String
        /// The segment's name.
        public var name: String
        /// The segment's remote id.
        public var id: String
    }

    /// One selected segment: a file to write, or the reason it is not imported.
    public enum Entry: Sendable {
        /// Write this file.
        case write(FileWrite)
        /// A file already declares the segment (without `force`).
        case refused(String)
    }

    /// The selected segments in order (by name, then id).
    public var entries: [Entry]
    /// Things to say that do not stop the import (failed label lookups, invalid files allowed).
    public var warnings: [String]

    /// The files to write.
    public var writes: [FileWrite] {
        entries.compactMap { if case .write(let file) = $0 { file } else { nil } }
    }

    /// Why segments were not imported.
    public var refusals: [String] {
        entries.compactMap { if case .refused(let reason) = $0 { reason } else { nil } }
    }

    /// Reads the remote segments and prepares their files; throws when a name is unknown, or
    /// when the files would not validate (unless `allowInvalid`).
    public static func prepare(_ request: Request, contents: RepositoryContents, remote: any SegmentsRemote) async throws -> Import {
        let config = contents.config
        let declared = contents.validate().segments
        let segments = try await remote.listSegments()
        var selected = segments
        if !request.all {
            let families = Set(segments.compactMap { Sharding.parse($0.name)?.logical })
            let missing = request.names.filter { name in !segments.contains { $0.name == name } && !families.contains(name) }
            guard missing.isEmpty else {
                throw SegctlError.failed("no remote segment is named \(missing.map { "'\($0)'" }.joined(separator: ", "))")
            }
            selected = segments.filter { request.names.contains($0.name) || request.names.contains(Sharding.parse($0.name)?.logical ?? "") }
        }
        selected.sort { ($0.name, $0.id) < ($1.name, $1.id) }
        var warnings: [String] = []
        var labels: [SegmentSchema.MemberKind: [String: String]] = [:]
        if request.labels {
            let ids = LabelLookup.memberIDs(of: selected.map(\.state), target: config.target)
            (labels, warnings) = await LabelLookup.labels(of: ids, from: remote, consequence: "writing IDs without comments")
        }
        let writer = SegmentFileWriter(schema: config.schema)
        var taken = Set(contents.files.map(\.path)).union(contents.listingProblems.compactMap(\.location?.file))
        var entries: [Entry] = []
        let (units, familyWarnings) = ImportUnit.units(of: selected, shardedList: config.schema.shardedList)
        warnings += familyWarnings
        for unit in units {
            let segment = unit.segment
            let existing = declared.first { $0.pinnedID == segment.id && unit.shards == nil } ?? declared.first { $0.pinnedID == nil && $0.name == segment.name }
            let path: String
            if let existing {
                guard request.force else {
                    entries.append(.refused("'\(segment.name)' is already declared in \(existing.file); pass --force to overwrite it"))
                    continue
                }
                path = existing.file
            } else {
                path = freePath(for: segment.name, in: contents.segmentsDirectory, taken: taken)
            }
            taken.insert(path)
            let text = writer.text(for: segment.state, id: unit.shards == nil ? segment.id : nil, protect: existing?.protect ?? false, shards: unit.shards, labels: labels)
            entries.append(.write(FileWrite(path: path, text: text, name: segment.name, id: unit.shards.map { "\($0) shards" } ?? segment.id)))
        }
        let result = Import(entries: entries, warnings: warnings)
        let problems = try check(result.writes, contents: contents, request: request)
        return Import(entries: entries, warnings: warnings + problems)
    }

    /// Validates the files as they would be after the import; throws when they would not
    /// validate, unless invalid files are allowed (then the problems are warnings).
    static func check(_ writes: [FileWrite], contents: RepositoryContents, request: Request) throws -> [String] {
        guard !writes.isEmpty else { return [] }
        let written = Set(writes.map(\.path))
        var files = contents.files.filter { !written.contains($0.path) }
        files += writes.map { PendingSourceFile(SourceFile(path: $0.path, text: $0.text)) }
        let report = Validator(config: contents.config).validate(files)
        let errors = report.diagnostics.filter { $0.severity == .error && written.contains($0.location?.file ?? "") }
        guard !errors.isEmpty else { return [] }
        let advice = ImportAdvice(config: contents.config, redactMembers: request.redactMembers)
        let imported = report.segments.filter { written.contains($0.file) }
        var sentences = advice.sentences(for: imported)
        guard request.allowInvalid else {
            let summary = DiagnosticSummary(diagnostics: errors, files: written.count)
            // Rejected member IDs are summed up by the advice; every other error is listed.
            let summed = advice.rejectedLocations(in: imported)
            let shown = errors.filter { !summed.contains($0.location ?? SourceLocation(file: "", line: 0, column: 0)) }
            sentences.append("nothing was written; fix the segments remotely, change the formats in \(RepositoryConfig.fileName), or import anyway with --allow-invalid")
            throw SegctlError.failed(
                "the imported files would not validate (\(summary.sentence))",
                before: (request.redactMembers ? [] : shown.prefix(20).map { "\($0.location.map { "\($0): " } ?? "")\($0.message)" }) + sentences)
        }
        return sentences.map { "\($0) (imported anyway: --allow-invalid; 'segctl validate' will fail until this is fixed)" }
    }

    /// `<directory>/<slug>.yaml`, with a numeric suffix if another file has that name.
    public static func freePath(for name: String, in directory: String, taken: Set<String>) -> String {
        let slug = Self.slug(name)
        let prefix = directory == "." ? "" : directory + "/"
        var candidate = "\(prefix)\(slug).yaml"
        var counter = 2
        while taken.contains(candidate) {
            candidate = "\(prefix)\(slug)-\(counter).yaml"
            counter += 1
        }
        return candidate
    }

    /// A file name from a segment name: lowercase letters and digits joined by dashes.
    public static func slug(_ name: String) -> String {
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
