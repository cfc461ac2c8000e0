/// What the rules need to know about the repository beyond the segment itself.
public struct ValidationContext: Sendable {
    /// The repository's configuration (formats, limits, target).
    public var config: RepositoryConfig

    /// Creates a context.
    public init(config: RepositoryConfig) {
        self.config = config
    }
}

/// A check of one segment file.
public protocol SegmentRule: Sendable {
    /// Appends the problems of `segment` to `diagnostics`.
    func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout [Diagnostic])
}

/// A check across all segment files of a repository.
public protocol RepositoryRule: Sendable {
    /// Appends the problems of `segments` to `diagnostics`.
    func check(_ segments: [SegmentDeclaration], in context: ValidationContext, into diagnostics: inout [Diagnostic])
}
