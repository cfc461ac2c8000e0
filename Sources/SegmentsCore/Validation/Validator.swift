/// Validates a repository's segment files: parses each, decodes it, runs the target's per-file
/// rules in parallel, then its rules across files. Collects every problem (at most
/// `DiagnosticList.defaultLimit` per file, then a count); the caller decides the outcome.
public struct Validator: Sendable {
    /// The outcome of validating a set of files.
    public struct Report: Sendable {
        /// Segments that decoded (possibly with errors), in file order.
        public var segments: [SegmentDeclaration]
        /// Every problem found, sorted by file, line and column.
        public var diagnostics: [Diagnostic]
        /// The paths of the files read, in order.
        public var files: [String]
        /// SHA-256 of each file read, when the validator records digests.
        public var fileDigests: [FileDigest] = []

        /// Creates a report.
        public init(segments: [SegmentDeclaration], diagnostics: [Diagnostic], files: [String], fileDigests: [FileDigest] = []) {
            self.segments = segments
            self.diagnostics = diagnostics
            self.files = files
            self.fileDigests = fileDigests
        }

        /// How many files were read.
        public var fileCount: Int { files.count }

        /// The counts for the summary line.
        public var summary: DiagnosticSummary { DiagnosticSummary(diagnostics: diagnostics, files: fileCount) }
    }

    /// One file's outcome.
    public struct FileOutcome: Sendable {
        /// The declaration, when the file decoded.
        public var segment: SegmentDeclaration?
        /// Its problems, sorted.
        public var diagnostics: [Diagnostic]
        /// Its digest, when recorded.
        public var digest: FileDigest?
    }

    /// The repository's configuration.
    public let context: ValidationContext
    /// The YAML reader with its bounds.
    public var reader = YAMLReader()
    /// Whether to record each file's SHA-256 (for saved plans).
    public var recordsDigests = false

    /// Creates a validator for a repository configured by `config`; items whose expiry is at
    /// or before `asOf` are reported as expired.
    public init(config: RepositoryConfig, asOf: Timestamp? = nil) {
        context = ValidationContext(config: config, asOf: asOf)
    }

    /// Validates files held in memory.
    public func validate(_ files: [SourceFile]) -> Report {
        validate(files.map(PendingSourceFile.init))
    }

    /// Validates files, reading and checking them on all cores.
    public func validate(_ files: [PendingSourceFile]) -> Report {
        let outcomes = ParallelMap.map(files) { validate(file: $0) }
        var segments: [SegmentDeclaration] = []
        var diagnostics: [Diagnostic] = []
        var digests: [FileDigest] = []
        for outcome in outcomes {
            if let segment = outcome.segment { segments.append(segment) }
            if let digest = outcome.digest { digests.append(digest) }
            diagnostics.append(contentsOf: outcome.diagnostics)
        }
        for rule in context.config.target.repositoryRules {
            rule.check(segments, in: context, into: &diagnostics)
        }
        return Report(segments: segments, diagnostics: Diagnostic.sorted(diagnostics), files: files.map(\.path), fileDigests: digests)
    }

    /// Reads, parses, decodes and checks one file.
    public func validate(file pending: PendingSourceFile) -> FileOutcome {
        let file: SourceFile
        switch pending.load() {
        case .success(let loaded): file = loaded
        case .failure(let diagnostic): return FileOutcome(segment: nil, diagnostics: [diagnostic], digest: nil)
        }
        var diagnostics = DiagnosticList()
        let segment = check(file, into: &diagnostics)
        return FileOutcome(segment: segment, diagnostics: diagnostics.sorted(file: file.path), digest: recordsDigests ? FileDigest(of: file) : nil)
    }

    /// Parses, decodes and checks the bytes of one file.
    func check(_ file: SourceFile, into diagnostics: inout DiagnosticList) -> SegmentDeclaration? {
        // UTF-16 text has NUL bytes in every ASCII character; libyaml reads it after its byte
        // order mark and reports a NUL itself.
        if !YAMLReader.isUTF16(file.bytes), let nul = file.bytes.prefix(8192).firstIndex(of: 0) {
            // Where libyaml would put it (its line breaks, a byte order mark not counted): a
            // count of LFs alone put it past the end of a file with CR line breaks. Found by
            // `scripts/fuzz validate`.
            let mark = YAMLReader.mark(ofByte: nul, in: file.bytes)
            diagnostics.append(.error(
                YAMLError.Kind.syntax.rawValue, "binary file (it contains NUL bytes); a segment file is YAML text",
                at: SourceLocation(file: file.path, line: Int(mark.line), column: Int(mark.column))))
            return nil
        }
        let document: YAMLDocument
        do {
            document = try reader.read(file.bytes)
        } catch {
            diagnostics.append(error.diagnostic(file: file.path))
            return nil
        }
        guard let segment = SegmentDecoder(config: context.config).decode(document, file: file.path, into: &diagnostics) else {
            return nil
        }
        let rules = context.config.target.segmentRules
        guard file.bytes.count >= Self.parallelRulesSize else {
            for rule in rules { rule.check(segment, in: context, into: &diagnostics) }
            return segment
        }
        // A big file (one list of 30,000 items in shards, say) would keep one core busy while
        // the others wait: its rules run side by side, each into its own list, merged in rule
        // order, which keeps and counts exactly what one list would have.
        let room = max(0, diagnostics.limit - diagnostics.items.count)
        let found = ParallelMap.map(Array(rules.indices)) { index in
            var list = DiagnosticList(limit: room)
            rules[index].check(segment, in: context, into: &list)
            return list
        }
        for list in found { diagnostics.append(contentsOf: list) }
        return segment
    }

    /// Files at least this big run their rules in parallel.
    static let parallelRulesSize = 256 * 1024
}
