/// A delete of a segment that `protect:` in `segctl.yaml` or `protect: true` in its file guards.
public enum ProtectedSegment {
    /// The rule's identifier.
    public static let id = "protect"

    /// The problem for deleting `change`, protected for `reason`.
    static func problem(_ change: Change, reason: String) -> Diagnostic {
        .error(id, "refusing to delete '\(UntrustedText.escaped(change.name))' (\(UntrustedText.escaped(change.segmentID ?? ""))): \(reason); remove the protection first if the deletion is intended", at: nil)
    }
}
