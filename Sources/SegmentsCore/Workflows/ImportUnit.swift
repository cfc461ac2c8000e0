/// What one imported file holds: a remote segment, or a complete family of shards
/// (`Name [1/N]` ... `Name [N/N]` with the same fields) joined back into one logical segment.
struct ImportUnit {
    /// The segment to write (for a family: the logical name and every shard's items).
    var segment: RemoteSegment
    /// The number of shards, for a family.
    var shards: Int?

    /// `segments` as files: complete shard families joined, the rest one by one; plus a
    /// warning for each incomplete family.
    static func units(of segments: [RemoteSegment], shardedList: String?) -> ([ImportUnit], [String]) {
        guard let key = shardedList else { return (segments.map { ImportUnit(segment: $0) }, []) }
        var families: [String: [(index: Int, count: Int, segment: RemoteSegment)]] = [:]
        for segment in segments {
            if let (logical, index, count) = Sharding.parse(segment.name) { families[logical, default: []].append((index, count, segment)) }
        }
        var units: [ImportUnit] = []
        var warnings: [String] = []
        var joined = Set<String>()
        for (logical, members) in families.sorted(by: { $0.key < $1.key }) {
            let count = members[0].count
            let sorted = members.sorted { $0.index < $1.index }
            var others = sorted[0].segment.state
            others[key] = .null
            let complete = members.allSatisfy { $0.count == count } && sorted.map(\.index) == Array(0..<count)
                && sorted.allSatisfy { var state = $0.segment.state; state[key] = .null; state.name = others.name; return state == others }
            guard complete else {
                warnings.append("'\(logical)' looks split into shards, but the family is not complete or its shards differ (\(sorted.map { $0.segment.name }.joined(separator: ", "))); imported as separate files")
                continue
            }
            var state = sorted[0].segment.state
            state.name = logical
            state[key] = .list(sorted.flatMap { $0.segment.state[key].listItems ?? [] })
            units.append(ImportUnit(segment: RemoteSegment(id: sorted[0].segment.id, updatedAt: sorted[0].segment.updatedAt, state: state), shards: count))
            joined.formUnion(sorted.map(\.segment.id))
        }
        units += segments.filter { !joined.contains($0.id) }.map { ImportUnit(segment: $0) }
        units.sort { ($0.segment.name, $0.segment.id) < ($1.segment.name, $1.segment.id) }
        return (units, warnings)
    }
}
