/// A pinned `id` belongs to one file only: two files pinning one remote segment would fight.
public struct UniqueIDRule: RepositoryRule {
    /// The rule's identifier.
    public static let id = "duplicate-segment-id"

    /// Creates the rule.
    public init() {}

    public func check(_ segments: [SegmentDeclaration], in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        var seen: [String: SegmentDeclaration] = [:]
        for segment in segments {
            guard let id = segment.pinnedID else { continue }
            let here = segment.location(of: "id")
            if let first = seen[id] {
                let there = first.location(of: "id")
                diagnostics.append(.error(
                    Self.id,
                    "segment id '\(id)' is pinned by two files: \(there.fileAndLine) and \(here.fileAndLine)",
                    at: here, notes: [.init("first pinned here", at: there)]))
            } else {
                seen[id] = segment
            }
        }
    }
}
