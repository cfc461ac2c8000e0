/// A plan that would delete more than half of the remote segments, or all of them, without
/// `--allow-mass-delete`: usually a wrong directory or a broken checkout, not an intent.
public enum MassDelete {
    /// The rule's identifier.
    public static let id = "mass-delete"

    /// The problem, if `deletes` of `remoteCount` segments is a mass delete.
    static func problem(deletes: Int, remoteCount: Int) -> Diagnostic? {
        guard deletes > 0, deletes == remoteCount || deletes * 2 > remoteCount else { return nil }
        let extent = deletes == remoteCount ? "all \(remoteCount)" : "\(deletes) of \(remoteCount)"
        return .error(id, "refusing to delete \(extent) remote segments (more than half); if that is intended, run again with --allow-mass-delete", at: nil)
    }
}
