/// The switches that change what a plan contains.
public struct PlanOptions: Hashable, Sendable {
    /// Delete remote segments that no file declares.
    public var prune: Bool
    /// Allow deleting more than half (or all) of the remote segments.
    public var allowMassDelete: Bool
    /// Allow deleting segments that feature flags use (ConfigCat's `usage`).
    public var allowDeleteInUse: Bool
    /// Allow removing more than half (or all) of a segment's members.
    public var allowMassRemoval: Bool

    /// Creates options.
    public init(prune: Bool = false, allowMassDelete: Bool = false, allowDeleteInUse: Bool = false, allowMassRemoval: Bool = false) {
        self.prune = prune
        self.allowMassDelete = allowMassDelete
        self.allowDeleteInUse = allowDeleteInUse
        self.allowMassRemoval = allowMassRemoval
    }
}
