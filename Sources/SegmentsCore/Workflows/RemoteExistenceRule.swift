/// `validate --remote`: every member ID exists (through the API's resolve endpoints, in
/// batches) and every pinned id names a remote segment.
public enum RemoteExistenceRule {
    /// The rule identifier of IDs the API does not know.
    public static let id = "unknown-id"

    /// The problems of `segments` against `remote`.
    public static func check(_ segments: [SegmentDeclaration], target: any TargetDescriptor, remote: any SegmentsRemote) async throws -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let existing = Set(try await remote.listSegments().map(\.id))
        for segment in segments {
            if let pinned = segment.pinnedID, !existing.contains(pinned) {
                diagnostics.append(.error(id, "segment id '\(pinned)' does not exist remotely", at: segment.location(of: "id")))
            }
        }
        for (key, kind) in target.memberLists {
            let ids = Set(segments.flatMap { $0.state[key].listItems ?? [] })
            guard !ids.isEmpty else { continue }
            let known = try await remote.resolveLabels(ids.sorted(), kind: kind)
            for segment in segments {
                for (index, member) in (segment.state[key].listItems ?? []).enumerated() where known[member] == nil {
                    diagnostics.append(.error(id, "\(kind.rawValue) ID '\(member)' does not exist (the API's resolve-\(kind.rawValue)s does not know it)", at: segment.location(ofItem: index, in: key)))
                }
            }
        }
        return diagnostics
    }
}
