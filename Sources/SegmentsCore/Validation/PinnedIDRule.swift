/// A pinned `id` has the format of the target's segment IDs (`idFormats.segment`).
public struct PinnedIDRule: SegmentRule {
    /// The rule's identifier.
    public static let id = "id-format"

    /// Creates the rule.
    public init() {}

    public func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout DiagnosticList) {
        guard let pinned = segment.pinnedID else { return }
        let pattern = context.config.idFormats.segment
        if !pattern.matches(pinned) {
            diagnostics.append(.error(
                Self.id,
                "segment id '\(pinned)' does not match the segment ID format '\(pattern.source)' (idFormats.segment)",
                at: segment.location(of: "id")))
        }
    }
}
