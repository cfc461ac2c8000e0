import SegmentsCore

/// What a segment file means, independent of how it is written: its control keys, its
/// scalar fields, and for each list the set of members, each with the instant it stops being
/// a member (the latest expiry among its occurrences; never, when one occurrence has none).
/// Two files with equal meanings give the same desired state at every instant.
struct DeclarationMeaning: Equatable {
    /// Name, pinned id, protection and shards.
    var control: [String]
    /// Fields that are not lists, as written to the API.
    var scalars: [String: FieldValue]
    /// Each list's members and when each stops being one (`Int64.max`: never).
    var lists: [String: [String: Int64]]

    /// The meaning of `declaration`.
    init(_ declaration: SegmentDeclaration) {
        control = [declaration.name, declaration.pinnedID ?? "-", "\(declaration.protect)", declaration.shards.map(String.init) ?? "-"]
        scalars = [:]
        lists = [:]
        for (key, value) in declaration.state.fields {
            guard let items = value.listItems else {
                scalars[key] = value
                continue
            }
            let expiries = declaration.expiries[key] ?? [:]
            var until: [String: Int64] = [:]
            for (index, item) in items.enumerated() {
                let end = expiries[index]?.milliseconds ?? Int64.max
                until[item] = max(until[item] ?? Int64.min, end)
            }
            lists[key] = until
        }
    }

    /// The differences from `other`, for a violation's message.
    func differences(from other: DeclarationMeaning) -> String {
        var parts: [String] = []
        if control != other.control { parts.append("control \(control) -> \(other.control)") }
        for key in Set(scalars.keys).union(other.scalars.keys).sorted() where scalars[key] != other.scalars[key] {
            parts.append("\(key): \(String(describing: scalars[key])) -> \(String(describing: other.scalars[key]))")
        }
        for key in Set(lists.keys).union(other.lists.keys).sorted() where lists[key] != other.lists[key] {
            let before = lists[key] ?? [:]
            let after = other.lists[key] ?? [:]
            let changed = Set(before.keys).union(after.keys).sorted().filter { before[$0] != after[$0] }
            parts.append("\(key): " + changed.prefix(10).map { "\($0.debugDescription) \(Self.describe(before[$0])) -> \(Self.describe(after[$0]))" }.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    static func describe(_ until: Int64?) -> String {
        switch until {
        case nil: "absent"
        case Int64.max?: "member"
        case let end?: "until \(Timestamp(milliseconds: end))"
        }
    }
}
