/// Every user and company ID matches its configured format (`idFormats.user`, `idFormats.company`).
public struct MemberFormatRule: ItemRule {
    /// The rule's identifier.
    public static let id = "id-format"

    /// Creates the rule.
    public init() {}

    public func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout DiagnosticList) {
        for (key, kind) in context.config.target.memberLists {
            guard let items = segment.state[key].listItems else { continue }
            let pattern = context.config.idFormats.pattern(for: kind)
            for (index, item) in items.enumerated() where !pattern.matches(item) {
                diagnostics.append(.error) {
                    .error(Self.id, Self.message(item, kind: kind, pattern: pattern), at: segment.location(ofItem: index, in: key))
                }
            }
        }
    }

    public func problems(ofItem item: String, key: String, of segment: SegmentDeclaration, in context: ValidationContext) -> [String] {
        guard let kind = context.config.schema.field(key)?.memberKind else { return [] }
        let pattern = context.config.idFormats.pattern(for: kind)
        return pattern.matches(item) ? [] : [Self.message(item, kind: kind, pattern: pattern)]
    }

    /// The sentence for an ID that does not match its format.
    public static func message(_ id: String, kind: SegmentSchema.MemberKind, pattern: IDPattern) -> String {
        "\(kind.rawValue) ID '\(UntrustedText.escaped(id))' does not match the \(kind.rawValue) ID format '\(pattern.source)' (idFormats.\(kind.rawValue))"
    }
}
