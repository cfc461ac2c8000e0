/// Members that expire: a list item written `{id: user-456, expires: 2026-12-31}` is a member
/// until that instant (a date means 00:00 UTC of that day). An expired item is a warning
/// until it is removed (`segctl members prune-expired`); a bad date is an error.
public struct ExpiryRule: SegmentRule {
    /// The rule's identifier.
    public static let id = "expires"
    /// The keys of an item written as a mapping.
    public static let itemKeys = ["id", "expires"]

    /// Creates the rule.
    public init() {}

    public func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout DiagnosticList) {
        guard let instant = context.asOf, !segment.expiries.isEmpty else { return }
        let sensitive = context.config.target.isSensitive(segment.state)
        for key in segment.expiries.keys.sorted() {
            guard let items = segment.state[key].listItems else { continue }
            let expired = segment.expiries[key]!.filter { $0.value <= instant && $0.key < items.count }
            for (index, expiry) in expired.sorted(by: { $0.key < $1.key }) {
                let shown = sensitive ? "an item of '\(key)'" : "'\(UntrustedText.escaped(items[index]))' in '\(key)'"
                diagnostics.append(.warning(
                    Self.id,
                    "\(shown) expired on \(expiry.text) and is no longer a member; remove it with 'segctl members prune-expired \(segment.name)'",
                    at: segment.location(ofItem: index, in: key)))
            }
        }
    }

    /// An `expires` value that is not a date or timestamp.
    static func badDate(_ value: String, at location: SourceLocation) -> Diagnostic {
        .error(id, "'expires' must be a date (2026-12-31) or an RFC 3339 timestamp (2026-12-31T18:00:00Z), not '\(UnknownKeyRule.excerpt(value))'", at: location)
    }
}
