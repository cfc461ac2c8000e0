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
    /// (the standard library's hash, seeded per process, so a file cannot be crafted to
    /// collide): no string is retained in a set, which on a big list read by other rules at the
    /// same time costs more than the hashing.
    static func mayRepeat(_ items: [String]) -> Bool {
        var seen = Set<Int>(minimumCapacity: items.count)
        for item in items where !seen.insert(item.hashValue).inserted { return true }
        return false
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
