extension PlanFormat {
    /// How many IDs of one member list (added first, then removed) this format prints beside
    /// their labels under `options`; nil prints them all, as JSON always does.
    func membersPrintedWithLabels(_ options: PlanRenderOptions) -> Int? {
        switch self {
        case .text: options.memberLimit
        case .markdown: MarkdownPlanRenderer.defaultMembersShown
        case .json: nil
        }
    }
}

extension Plan {
    /// The member IDs, by kind, that `formats` print beside a label under `options`: the first
    /// IDs of each list as far as the format lists them (all of them for JSON), none of a
    /// sensitive or redacted list. Labels are looked up for these alone, so a plan of a
    /// million new IDs shown folded asks the API for the few it prints.
    public func labelledIDs(shownBy formats: [PlanFormat], options: PlanRenderOptions) -> [SegmentSchema.MemberKind: Set<String>] {
        let limits = formats.map { $0.membersPrintedWithLabels(options) }
        guard !limits.isEmpty else { return [:] }
        let limit = limits.contains(where: { $0 == nil }) ? nil : limits.compactMap { $0 }.max()
        var shown: [(kind: SegmentSchema.MemberKind, added: ArraySlice<String>, removed: ArraySlice<String>)] = []
        for change in changes where change.showsMembers(options) {
            for member in change.members {
                guard let kind = member.kind else { continue }
                let addedCount = limit.map { min($0, member.added.count) } ?? member.added.count
                let removedCount = limit.map { min($0 - addedCount, member.removed.count) } ?? member.removed.count
                shown.append((kind, member.added.prefix(addedCount), member.removed.prefix(removedCount)))
            }
        }
        var ids: [SegmentSchema.MemberKind: Set<String>] = [:]
        for kind in SegmentSchema.MemberKind.allCases {
            var set = Set<String>(minimumCapacity: shown.reduce(0) { $0 + ($1.kind == kind ? $1.added.count + $1.removed.count : 0) })
            for list in shown where list.kind == kind {
                set.formUnion(list.added)
                set.formUnion(list.removed)
            }
            ids[kind] = set
        }
        return ids.filter { !$0.value.isEmpty }
    }
}
