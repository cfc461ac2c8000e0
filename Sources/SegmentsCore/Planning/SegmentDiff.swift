/// Field-by-field comparison of a desired and a remote state. Lists are compared as sets, so
/// order and repetition are never reported as changes.
public enum SegmentDiff {
    /// The changes that turn `remote` into `desired`.
    public static func changes(
        from remote: SegmentState, to desired: SegmentState, schema: SegmentSchema
    ) -> (fields: [Change.FieldChange], members: [Change.MemberChange]) {
        var fields: [Change.FieldChange] = []
        var members: [Change.MemberChange] = []
        for field in schema.fields {
            let before = remote[field.key]
            let after = desired[field.key]
            if case .list(let old) = before, case .list(let new) = after {
                // The API keeps a list in the order apply sent it, the file's order: when nothing
                // changed, the lists are equal item by item, which is far cheaper than two sets.
                if old == new { continue }
                let oldSet = Set(old)
                let newSet = Set(new)
                guard oldSet != newSet else { continue }
                members.append(Change.MemberChange(
                    key: field.key, kind: field.memberKind,
                    added: newSet.subtracting(oldSet).sorted(), removed: oldSet.subtracting(newSet).sorted(),
                    countBefore: oldSet.count, countAfter: newSet.count))
            } else if before != after {
                fields.append(Change.FieldChange(key: field.key, before: before, after: after))
            }
        }
        return (fields, members)
    }

    /// Everything a new segment sets, as changes from nothing (null values and empty lists,
    /// which set nothing, are left out).
    public static func creation(of desired: SegmentState, schema: SegmentSchema) -> (fields: [Change.FieldChange], members: [Change.MemberChange]) {
        var fields: [Change.FieldChange] = []
        var members: [Change.MemberChange] = []
        for field in schema.fields {
            let value = desired[field.key]
            if value == .null { continue }
            if case .list(let items) = value {
                if items.isEmpty { continue }
                let added = sortedUnique(items)
                members.append(Change.MemberChange(
                    key: field.key, kind: field.memberKind, added: added, removed: [],
                    countBefore: 0, countAfter: added.count))
            } else {
                fields.append(Change.FieldChange(key: field.key, before: nil, after: value))
            }
        }
        return (fields, members)
    }

    /// The distinct items, sorted: what `Set(items).sorted()` gives, without hashing every item
    /// (files written by fmt or import are sorted already, which the sort notices).
    static func sortedUnique(_ items: [String]) -> [String] {
        var unique: [String] = []
        unique.reserveCapacity(items.count)
        for item in items.sorted() where unique.last != item {
            unique.append(item)
        }
        return unique
    }

    /// The member lists of a segment about to be deleted, as counts.
    public static func deletion(of remote: SegmentState, schema: SegmentSchema) -> [Change.MemberChange] {
        schema.fields.compactMap { field in
            guard let items = remote[field.key].listItems, !items.isEmpty else { return nil }
            return Change.MemberChange(key: field.key, kind: field.memberKind, added: [], removed: [], countBefore: Set(items).count, countAfter: 0)
        }
    }

    /// Jaccard similarity of two states' members (0...1), for spotting probable renames.
    public static func similarity(_ a: SegmentState, _ b: SegmentState, schema: SegmentSchema) -> Double {
        var left = Set<String>()
        var right = Set<String>()
        for field in schema.fields {
            for item in a[field.key].listItems ?? [] { left.insert(field.key + "\u{0}" + item) }
            for item in b[field.key].listItems ?? [] { right.insert(field.key + "\u{0}" + item) }
        }
        if left.isEmpty && right.isEmpty {
            // Without members, the same non-empty description (an optional text) says it.
            for field in schema.fields {
                guard case .text(_, _, nullable: true) = field.kind, case .string(let text) = a[field.key], !text.isEmpty else { continue }
                if a[field.key] == b[field.key] { return 1 }
            }
            return 0
        }
        return Double(left.intersection(right).count) / Double(left.union(right).count)
    }
}
