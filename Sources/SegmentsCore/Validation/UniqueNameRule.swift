/// Each segment name is declared by one file. Names differing only in letter case are
/// reported as a warning: the API accepts both, a reader will confuse them.
public struct UniqueNameRule: RepositoryRule {
    /// The rule's identifier.
    public static let id = "duplicate-name"

    /// Creates the rule.
    public init() {}

    public func check(_ segments: [SegmentDeclaration], in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        // Indices, not declarations: at 100,000 files, two tables of declarations were 80 MB.
        var exact: [String: Int] = [:]
        var folded: [String: Int] = [:]
        exact.reserveCapacity(segments.count)
        folded.reserveCapacity(segments.count)
        for (index, segment) in segments.enumerated() where !segment.name.isEmpty {
            let here = segment.location(of: "name")
            if let firstIndex = exact[segment.name] {
                let there = segments[firstIndex].location(of: "name")
                diagnostics.append(.error(
                    Self.id,
                    "segment name '\(segment.name)' is declared twice: \(there.fileAndLine) and \(here.fileAndLine)",
                    at: here, notes: [.init("first declared here", at: there)]))
                continue
            }
            exact[segment.name] = index
            let key = segment.name.lowercased()
            if let firstIndex = folded[key] {
                let first = segments[firstIndex]
                let there = first.location(of: "name")
                diagnostics.append(.warning(
                    Self.id,
                    "segment names '\(first.name)' (\(there.fileAndLine)) and '\(segment.name)' (\(here.fileAndLine)) differ only in letter case",
                    at: here, notes: [.init("'\(first.name)' is declared here", at: there)]))
            } else {
                folded[key] = index
            }
        }
    }
}
