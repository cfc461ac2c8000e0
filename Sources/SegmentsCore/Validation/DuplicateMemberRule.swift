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

    /// Whether `items` may hold a repeat; false proves they do not. Only the hashes are kept
    /// (the standard library's, seeded per process, so a file cannot be crafted to collide):
    /// no string is retained and each is hashed once. The hashes are grouped by their top
    /// bits into buckets of about 512, and each bucket is checked with a table that stays in
    /// the cache (one table for 100,000 items missed the cache on every probe; sorting the
    /// hashes cost almost as much).
    static func mayRepeat(_ items: [String]) -> Bool {
        let count = items.count
        guard count > 1 else { return false }
        var buckets = 1
        var shift = UInt64.bitWidth // a bucket is `hash >> shift`: all in bucket 0 at first
        while buckets * 512 < count {
            buckets <<= 1
            shift -= 1
        }
        let hashes = items.map { UInt64(bitPattern: Int64($0.hashValue)) }
        var starts = [Int](repeating: 0, count: buckets + 1)
        for hash in hashes { starts[Int(hash >> UInt64(shift)) + 1] += 1 }
        for bucket in 0..<buckets { starts[bucket + 1] += starts[bucket] }
        var grouped = [UInt64](repeating: 0, count: count)
        var next = starts
        for hash in hashes {
            let bucket = Int(hash >> UInt64(shift))
            grouped[next[bucket]] = hash
            next[bucket] += 1
        }
        let largest = (0..<buckets).map { starts[$0 + 1] - starts[$0] }.max() ?? 0
        var capacity = 16
        while capacity < largest * 2 { capacity <<= 1 }
        let mask = UInt64(capacity - 1)
        var table = [UInt64](repeating: 0, count: capacity) // 0: an empty slot
        return table.withUnsafeMutableBufferPointer { table in
            for bucket in 0..<buckets where starts[bucket + 1] - starts[bucket] > 1 {
                table.update(repeating: 0)
                for hash in grouped[starts[bucket]..<starts[bucket + 1]] {
                    let stored = hash | 1 // never 0; hashes that differ only in bit 0 count as a repeat
                    var slot = Int(hash & mask)
                    while table[slot] != 0 {
                        if table[slot] == stored { return true }
                        slot = (slot + 1) & Int(mask)
                    }
                    table[slot] = stored
                }
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
