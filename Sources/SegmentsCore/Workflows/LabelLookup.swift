/// Labels (e-mail addresses, company names) of member IDs, looked up with one batched call
/// per kind of ID. Labels are decoration: a failed lookup is a warning, never an error.
public enum LabelLookup {
    /// The labels of `ids`; `consequence` finishes the warning when a lookup fails
    /// ("showing IDs only").
    public static func labels(
        of ids: [SegmentSchema.MemberKind: Set<String>], from remote: any SegmentsRemote, consequence: String
    ) async -> (labels: [SegmentSchema.MemberKind: [String: String]], warnings: [String]) {
        var labels: [SegmentSchema.MemberKind: [String: String]] = [:]
        var warnings: [String] = []
        for kind in SegmentSchema.MemberKind.allCases {
            guard let wanted = ids[kind], !wanted.isEmpty else { continue }
            do {
                labels[kind] = try await remote.resolveLabels(wanted.sorted(), kind: kind)
            } catch {
                warnings.append("could not look up \(kind.rawValue) labels (\(error)); \(consequence)")
            }
        }
        return (labels, warnings)
    }

    /// The member IDs of `states`' lists of user and company IDs, by kind.
    public static func memberIDs(of states: [SegmentState], target: any TargetDescriptor) -> [SegmentSchema.MemberKind: Set<String>] {
        var ids: [SegmentSchema.MemberKind: Set<String>] = [:]
        for (key, kind) in target.memberLists {
            for state in states {
                ids[kind, default: []].formUnion(state[key].listItems ?? [])
            }
        }
        return ids
    }
}
