/// What the rules need to know about the repository beyond the segment itself.
public struct ValidationContext: Sendable {
    /// The repository's configuration (formats, limits, target).
    public var config: RepositoryConfig
    /// The instant expiries are judged at (`--as-of`); nil judges none expired.
    public var asOf: Timestamp?

    /// Creates a context.
    public init(config: RepositoryConfig, asOf: Timestamp? = nil) {
        self.config = config
        self.asOf = asOf
    }
}

/// A check of one segment file.
public protocol SegmentRule: Sendable {
    /// Appends the problems of `segment` to `diagnostics` (the file's bounded list).
    func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout DiagnosticList)
}

/// A check across all segment files of a repository.
public protocol RepositoryRule: Sendable {
    /// Appends the problems of `segments` to `diagnostics`.
    func check(_ segments: [SegmentDeclaration], in context: ValidationContext, into diagnostics: inout [Diagnostic])
}

/// A check of each item of a list on its own. `segctl members` runs these on new IDs before
/// it edits a file, so an ID is refused with the same sentence `validate` would give.
public protocol ItemRule: SegmentRule {
    /// What is wrong with `item` as an item of list `key` of `segment`; empty when nothing is.
    func problems(ofItem item: String, key: String, of segment: SegmentDeclaration, in context: ValidationContext) -> [String]
}
