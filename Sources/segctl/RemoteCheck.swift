import SegmentsClient
import SegmentsCore

/// `validate --remote`: every member ID exists (through the API's resolve endpoints, in
/// batches) and every pinned id names a remote segment.
enum RemoteCheck {
    /// The rule identifier of IDs the API does not know.
    static let rule = "unknown-id"

    static func run(workspace: Workspace, segments: [SegmentDeclaration], options: RemoteOptions) async -> [Diagnostic] {
        let config = workspace.repository.config
        let (remote, _) = PlanRun.connect(options, config)
        var diagnostics: [Diagnostic] = []
        do {
            let existing = Set(try await remote.listSegments().map(\.id))
            for segment in segments {
                if let id = segment.pinnedID, !existing.contains(id) {
                    diagnostics.append(.error(rule, "segment id '\(id)' does not exist remotely", at: segment.location(of: "id")))
                }
            }
            for field in config.schema.memberFields {
                guard case .members(let kind?) = field.kind else { continue }
                let ids = Set(segments.flatMap { $0.state[field.key].listItems ?? [] })
                guard !ids.isEmpty else { continue }
                let known = try await remote.resolveLabels(ids.sorted(), kind: kind)
                for segment in segments {
                    for (index, id) in (segment.state[field.key].listItems ?? []).enumerated() where known[id] == nil {
                        diagnostics.append(.error(rule, "\(kind.rawValue) ID '\(id)' does not exist (the API's resolve-\(kind.rawValue)s does not know it)", at: segment.location(ofItem: index, in: field.key)))
                    }
                }
            }
        } catch {
            Fail.with(error)
        }
        return diagnostics
    }
}
