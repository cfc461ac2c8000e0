/// The same ID twice in one list: harmless to the API (lists are sets) but a sign of a bad
/// merge, so a warning naming both lines.
public struct DuplicateMemberRule: SegmentRule {
    /// The rule's identifier.
    public static let id = "duplicate-id"

    /// Creates the rule.
    public init() {}

    public func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for (key, value) in segment.state.fields.sorted(by: { $0.key < $1.key }) {
            guard let items = value.listItems, items.count > 1 else { continue }
            var seen = Set<String>(minimumCapacity: items.count)
            for (index, item) in items.enumerated() where !seen.insert(item).inserted {
                let firstIndex = items.firstIndex(of: item) ?? index
                let first = segment.location(ofItem: firstIndex, in: key)
                let again = segment.location(ofItem: index, in: key)
                diagnostics.append(.warning(
                    Self.id,
                    "'\(item)' is listed twice in '\(key)' (lines \(first.line) and \(again.line))",
                    at: again,
                    notes: [.init("first listed here", at: first)]))
            }
        }
    }
}
