/// No more remote segments than the subscription plan allows per product (`limits.segments`):
/// one per file, or N for a file with `shards: N`.
public struct SegmentCountRule: RepositoryRule {
    /// The rule's identifier.
    public static let id = "segment-count"

    /// Creates the rule.
    public init() {}

    public func check(_ segments: [SegmentDeclaration], in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        let cap = context.config.limits.segments
        let total = segments.reduce(0) { $0 + ($1.shards ?? 1) }
        guard total > cap else { return }
        var running = 0
        guard let first = segments.first(where: { running += $0.shards ?? 1; return running > cap }) else { return }
        let shards = segments.contains { $0.shards != nil } ? " (shards count one each)" : ""
        diagnostics.append(.error(
            Self.id,
            "the repository declares \(total) segments\(shards); the plan allows \(cap) per product (limits.segments); this file is number \(cap + 1)",
            at: SourceLocation(file: first.file, mark: first.rootMark)))
    }
}
