/// A delete of a segment that feature flags use (ConfigCat's `usage`), without `--allow-delete-in-use`.
public enum SegmentInUse {
    /// The rule's identifier.
    public static let id = "in-use"

    /// The problem for deleting `change`, which `usage` flags use.
    static func problem(_ change: Change, usage: Int) -> Diagnostic {
        .error(id, "refusing to delete '\(UntrustedText.escaped(change.name))' (\(UntrustedText.escaped(change.segmentID ?? ""))): \(usage) feature flag\(usage == 1 ? " uses" : "s use") it (usage \(usage)); remove it from those flags first, or run again with --allow-delete-in-use", at: nil)
    }
}
