/// Planning for files with `shards: N`: each becomes N desired segments named `Name [k/N]`,
/// matched to the remote family of that name. Changing N renames the shards that stay (so
/// feature flags keep them), creates the new ones and deletes the surplus, and says loudly
/// that every flag rule must target every shard.
struct ShardPlanning {
    /// The list `shards:` splits.
    let key: String
    /// Remote segments by logical name: shards as (0-based index, count), and a segment named
    /// exactly the logical name as shard 0 of 1.
    private var families: [String: [(index: Int, count: Int, segment: RemoteSegment)]] = [:]

    init(key: String, remote: [RemoteSegment]) {
        self.key = key
        for segment in remote {
            if let (logical, index, count) = Sharding.parse(segment.name) {
                families[logical, default: []].append((index, count, segment))
            }
        }
        for segment in remote where families[segment.name] != nil {
            families[segment.name]?.append((0, 1, segment))
        }
    }

    /// The pairs of desired shards and remote segments for `declaration` (which has `shards`),
    /// the family members no shard needs any more, and what to tell the reviewer.
    func match(_ declaration: SegmentDeclaration, claimed: inout Set<String>) -> (pairs: [(SegmentDeclaration, RemoteSegment?)], surplus: [RemoteSegment], warning: String?) {
        let count = declaration.shards ?? 1
        let family = (families[declaration.name] ?? []).filter { !claimed.contains($0.segment.id) }
        var pairs: [(SegmentDeclaration, RemoteSegment?)] = []
        var wiring: [String] = []
        for (index, shard) in shards(of: declaration).enumerated() {
            let candidate = family.first { $0.index == index && $0.count == count && !claimed.contains($0.segment.id) }
                ?? family.filter { $0.index == index && !claimed.contains($0.segment.id) }.min { $0.count < $1.count }
            if let candidate { claimed.insert(candidate.segment.id) }
            pairs.append((shard, candidate?.segment))
            wiring.append("\(Sharding.name(of: declaration.name, index: index, count: count)) \(candidate.map { UntrustedText.escaped($0.segment.id) } ?? "(new)")")
        }
        let surplus = family.filter { !claimed.contains($0.segment.id) }.map(\.segment)
        for segment in surplus { claimed.insert(segment.id) }
        let counts = Set(family.map(\.count))
        guard counts != [count] || family.count != count else { return (pairs, surplus, nil) }
        let before = counts.isEmpty ? "" : " (from \(counts.sorted().map(String.init).joined(separator: ", ")))"
        let warning = "'\(declaration.name)' is split into \(count) shard\(count == 1 ? "" : "s")\(before): every feature-flag rule on it must target every shard ('IS IN SEGMENT' takes one rule per shard, 'IS NOT IN SEGMENT' takes every shard in one rule); wire: \(wiring.joined(separator: ", "))"
        return (pairs, surplus, warning)
    }

    /// How many items of the logical segment the plan removes, of how many it held: items that
    /// only move between shards are not removed. (The planner asks only when some shard's list
    /// changes.)
    func removals(_ declaration: SegmentDeclaration, pairs: [(SegmentDeclaration, RemoteSegment?)], surplus: [RemoteSegment], asOf instant: Timestamp?) -> (removed: Int, before: Int) {
        // Before: across the matched and surplus shards; after: the file, at `instant`.
        var before = Set<String>()
        for segment in pairs.compactMap(\.1) + surplus { before.formUnion(segment.state[key].listItems ?? []) }
        let after = Set(declaration.state(asOf: instant)[key].listItems ?? [])
        return (before.subtracting(after).count, before.count)
    }

    /// For an unsharded file with no remote segment of its name: the family it was split into
    /// before (its first shard becomes the segment again, the others are surplus).
    func unsharded(_ declaration: SegmentDeclaration, claimed: inout Set<String>) -> (segment: RemoteSegment, surplus: [RemoteSegment])? {
        let family = (families[declaration.name] ?? []).filter { !claimed.contains($0.segment.id) }.sorted { ($0.index, $0.count) < ($1.index, $1.count) }
        guard let first = family.first else { return nil }
        for member in family { claimed.insert(member.segment.id) }
        return (first.segment, family.dropFirst().map(\.segment))
    }

    /// The N desired shards of `declaration`: the same fields, the list split by `Sharding`,
    /// each item keeping its expiry and its place in the file.
    func shards(of declaration: SegmentDeclaration) -> [SegmentDeclaration] {
        let count = declaration.shards ?? 1
        let items = declaration.state[key].listItems ?? []
        let marks = declaration.itemMarks[key] ?? []
        let expiries = declaration.expiries[key] ?? [:]
        var lists = [[String]](repeating: [], count: count)
        var markLists = [[YAMLMark]](repeating: [], count: count)
        var expiryLists = [[Int: Timestamp]](repeating: [:], count: count)
        for (position, item) in items.enumerated() {
            let index = Sharding.shard(of: item, count: count)
            if !expiries.isEmpty, let expiry = expiries[position] { expiryLists[index][lists[index].count] = expiry }
            if position < marks.count { markLists[index].append(marks[position]) }
            lists[index].append(item)
        }
        return (0..<count).map { index in
            var shard = declaration
            shard.state.name = Sharding.name(of: declaration.name, index: index, count: count)
            shard.state[key] = .list(lists[index])
            shard.itemMarks[key] = SegmentDeclaration.ItemMarks(markLists[index])
            shard.expiries[key] = expiryLists[index]
            shard.shards = nil
            return shard
        }
    }
}
