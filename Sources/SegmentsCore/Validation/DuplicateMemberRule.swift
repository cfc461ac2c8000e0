/// The same ID twice in one list: harmless to the API (lists are sets) but a sign of a bad
/// merge, so a warning naming both lines.
public struct DuplicateMemberRule: SegmentRule {
    /// The rule's identifier.
    public static let id = "duplicate-id"

    /// Creates the rule.
    public init() {}

    public func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout DiagnosticList) {
        // Values of sensitive segments are confidential: never repeat them.
        let sensitive = context.config.target.isSensitive(segment.state)
        for field in context.config.schema.fields where field.isList {
            guard let items = segment.state[field.key].listItems, items.count > 1 else { continue }
            let key = field.key
            // Sorted lists (what fmt and import write) hold repeats side by side.
            if MemberOrder.isSorted(items) {
                for index in 1..<items.count where items[index] == items[index - 1] {
                    report(items[index], at: index, firstIndex: items.firstIndex(of: items[index]) ?? index - 1, in: key, of: segment, sensitive: sensitive, into: &diagnostics)
                }
                continue
            }
            guard Self.mayRepeat(items) else { continue }
            var seen = Set<String>(minimumCapacity: items.count)
            for (index, item) in items.enumerated() where !seen.insert(item).inserted {
                report(item, at: index, firstIndex: items.firstIndex(of: item) ?? index, in: key, of: segment, sensitive: sensitive, into: &diagnostics)
            }
        }
    }

    /// Whether `items` may hold a repeat; false proves they do not. Only the hashes are kept,
    /// in an open-addressed table indexed by the hash itself (the standard library's, seeded
    /// per process, so a file cannot be crafted to collide): no string is retained, and each
    /// is hashed once.
    static func mayRepeat(_ items: [String]) -> Bool {
        var capacity = 16
        while capacity < items.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var table = [Int](repeating: 0, count: capacity) // 0: an empty slot
        return table.withUnsafeMutableBufferPointer { table in
            for item in items {
                let hash = item.hashValue
                let stored = hash | 1 // never 0; hashes that differ only in bit 0 count as a repeat
                var slot = hash & mask
                while table[slot] != 0 {
                    if table[slot] == stored { return true }
                    slot = (slot + 1) & mask
                }
                table[slot] = stored
            }
            return false
        }
    }

    private func report(
        _ item: String, at index: Int, firstIndex: @autoclosure () -> Int, in key: String, of segment: SegmentDeclaration,
        sensitive: Bool, into diagnostics: inout DiagnosticList
    ) {
        diagnostics.append(.warning) {
            let first = segment.location(ofItem: firstIndex(), in: key)
            let again = segment.location(ofItem: index, in: key)
            let shown = sensitive ? "a value" : "'\(UntrustedText.escaped(item))'"
            return .warning(
                Self.id,
                "\(shown) is listed twice in '\(key)' (lines \(first.line) and \(again.line))",
                at: again,
                notes: [.init("first listed here", at: first)])
        }
    }
}
