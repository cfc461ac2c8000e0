/// A file pins a segment id that no remote segment has (deleted remotely?).
public enum MissingPinnedSegment {
    /// The rule's identifier.
    public static let id = "pinned-id-missing"

    /// The problem for `declaration`, which pins `segmentID`.
    static func problem(_ declaration: SegmentDeclaration, segmentID: String) -> Diagnostic {
        .error(id, "\(declaration.file) pins id \(UntrustedText.escaped(segmentID)), but no remote segment has it (deleted remotely?); remove the 'id' line to create '\(UntrustedText.escaped(declaration.name))' anew", at: nil)
    }
}
