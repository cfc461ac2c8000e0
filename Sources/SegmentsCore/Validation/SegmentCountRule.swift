/// No more segment files than the subscription plan allows per product (`limits.segments`).
public struct SegmentCountRule: RepositoryRule {
    /// The rule's identifier.
    public static let id = "segment-count"

    /// Creates the rule.
    public init() {}

    public func check(_ segments: [SegmentDeclaration], in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        let cap = context.config.limits.segments
        guard segments.count > cap else { return }
        let first = segments[cap]
        diagnostics.append(.error(
            Self.id,
            "the repository declares \(segments.count) segments; the plan allows \(cap) per product (limits.segments); this file is number \(cap + 1)",
            at: SourceLocation(file: first.file, mark: first.rootMark)))
    }
}
