extension PlanFormat {
    /// How many IDs of one member list (added first, then removed), and of the whole plan,
    /// this format prints beside their labels under `options`; nil prints them all, as JSON
    /// always does.
    func membersPrintedWithLabels(_ options: PlanRenderOptions) -> (perList: Int?, inAll: Int?) {
        switch self {
        case .text: (options.memberLimit, options.planMemberLimit)
        // A member line takes at least four characters ("+ a" and a newline).
        case .markdown: (MarkdownPlanRenderer.defaultMembersShown, MarkdownPlanRenderer.characterBudget / 4)
        case .json: (nil, nil)
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
        func widest(_ limits: [Int?]) -> Int? { limits.contains(where: { $0 == nil }) ? nil : limits.compactMap { $0 }.max() }
        let printed = shownMembers(perList: widest(limits.map(\.perList)), inAll: widest(limits.map(\.inAll)), options: options)
        var shown: [(kind: SegmentSchema.MemberKind, ids: (added: ArraySlice<String>, removed: ArraySlice<String>))] = []
        var counts: [SegmentSchema.MemberKind: Int] = [:]
        for (change, lists) in zip(changes, printed) where change.showsMembers(options) {
            for (member, ids) in zip(change.members, lists) {
                guard let kind = member.kind, !(ids.added.isEmpty && ids.removed.isEmpty) else { continue }
                shown.append((kind, ids))
                counts[kind, default: 0] += ids.added.count + ids.removed.count
            }
        }
        // Sets made at their size: a million IDs grew them a dozen times.
        var ids = counts.mapValues { Set<String>(minimumCapacity: $0) }
        for (kind, list) in shown {
            ids[kind]?.formUnion(list.added)
            ids[kind]?.formUnion(list.removed)
        }
        return ids.filter { !$0.value.isEmpty }
    }
}
