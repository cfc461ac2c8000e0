import Foundation

/// Validates a repository's segment files: parses each, decodes it, runs the per-file rules in
/// parallel, then the rules across files. Collects every problem; the caller decides the outcome.
public struct Validator: Sendable {
    /// The outcome of validating a set of files.
    public struct Report: Sendable {
        /// Segments that decoded (possibly with errors), in file order.
        public var segments: [SegmentDeclaration]
        /// Every problem found, sorted by file, line and column.
        public var diagnostics: [Diagnostic]
        /// How many files were read.
        public var fileCount: Int
        /// SHA-256 of each file read, when the validator records digests.
        public var fileDigests: [SavedPlan.FileDigest] = []

        /// The counts for the summary line.
        public var summary: DiagnosticSummary { DiagnosticSummary(diagnostics: diagnostics, files: fileCount) }
    }

    /// The repository's configuration.
    public let context: ValidationContext
    /// The YAML reader with its bounds.
    public var reader = YAMLReader()
    /// Whether to record each file's SHA-256 (for saved plans).
    public var recordsDigests = false
    let segmentRules: [any SegmentRule]
    let repositoryRules: [any RepositoryRule]

    /// Creates a validator for a repository configured by `config`.
    public init(config: RepositoryConfig) {
        context = ValidationContext(config: config)
        switch config.api.kind {
        case .platform:
            segmentRules = [NameRule(), TextLengthRule(), PinnedIDRule(), MemberFormatRule(), DuplicateMemberRule()]
            repositoryRules = [UniqueNameRule(), UniqueIDRule()]
        case .configcat:
            segmentRules = [NameRule(), TextLengthRule(), PinnedIDRule(), ComparisonValueRule(), DuplicateMemberRule()]
            repositoryRules = [UniqueNameRule(), UniqueIDRule(), SegmentCountRule()]
        }
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
        var digests: [SavedPlan.FileDigest] = []
        for outcome in outcomes {
            if let segment = outcome.segment { segments.append(segment) }
            if let digest = outcome.digest { digests.append(digest) }
            diagnostics.append(contentsOf: outcome.diagnostics)
        }
        for rule in repositoryRules {
            rule.check(segments, in: context, into: &diagnostics)
        }
        return Report(segments: segments, diagnostics: Diagnostic.sorted(diagnostics), fileCount: files.count, fileDigests: digests)
    }

    /// Parses, decodes and checks one file.
    public func validate(file pending: PendingSourceFile) -> (segment: SegmentDeclaration?, diagnostics: [Diagnostic], digest: SavedPlan.FileDigest?) {
        let file: SourceFile
        switch pending.load() {
        case .success(let loaded): file = loaded
        case .failure(let diagnostic): return (nil, [diagnostic], nil)
        }
        let digest = recordsDigests ? SavedPlan.FileDigest(path: file.path, sha256: Digest.sha256(file.bytes)) : nil
        let (segment, diagnostics) = check(file)
        return (segment, diagnostics, digest)
    }

    /// Parses, decodes and checks the bytes of one file.
    func check(_ file: SourceFile) -> (SegmentDeclaration?, [Diagnostic]) {
        if let nul = file.bytes.prefix(8192).firstIndex(of: 0) {
            let line = file.bytes[..<nul].count { $0 == UInt8(ascii: "\n") } + 1
            return (nil, [.error(
                YAMLError.Kind.syntax.rawValue, "binary file (it contains NUL bytes); a segment file is YAML text",
                at: SourceLocation(file: file.path, line: line, column: 1))])
        }
        let document: YAMLDocument
        do {
            document = try reader.read(file.bytes)
        } catch {
            return (nil, [error.diagnostic(file: file.path)])
        }
        var diagnostics: [Diagnostic] = []
        guard let segment = SegmentDecoder(schema: context.config.schema).decode(document, file: file.path, into: &diagnostics) else {
            return (nil, diagnostics)
        }
        for rule in segmentRules {
            rule.check(segment, in: context, into: &diagnostics)
        }
        return (segment, diagnostics)
    }
}

/// Maps over an array on all cores, keeping the order.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = ResultSlots<R>(count: items.count)
        let workers = min(items.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < items.count {
                results.set(index, transform(items[index]))
                index += workers
            }
        }
        return results.values
    }
}

/// Slots that concurrent workers fill at distinct indices; each slot is written once.
private final class ResultSlots<R>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<R?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: R) {
        slots[index] = value
    }

    var values: [R] { slots.map { $0! } }
}
