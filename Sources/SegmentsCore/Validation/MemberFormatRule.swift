/// Every user and company ID matches its configured format (`idFormats.user`, `idFormats.company`).
public struct MemberFormatRule: SegmentRule {
    /// The rule's identifier.
    public static let id = "id-format"

    /// Creates the rule.
    public init() {}

    public func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for field in context.config.schema.memberFields {
            guard case .members(let kind?) = field.kind, let items = segment.state[field.key].listItems else { continue }
            let pattern = context.config.idFormats.pattern(for: kind)
            for (index, item) in items.enumerated() where !pattern.matches(item) {
                diagnostics.append(.error(
                    Self.id,
                    "\(kind.rawValue) ID '\(item)' does not match the \(kind.rawValue) ID format '\(pattern.source)' (idFormats.\(kind.rawValue))",
                    at: segment.location(ofItem: index, in: field.key)))
            }
        }
    }
}
