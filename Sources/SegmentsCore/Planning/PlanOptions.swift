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
    /// The instant the desired state is computed for: items that expired by then are not
    /// members. A saved plan keeps it, so applying it later removes exactly what was reviewed.
    public var asOf: Timestamp?

    /// Creates options.
    public init(prune: Bool = false, allowMassDelete: Bool = false, allowDeleteInUse: Bool = false, allowMassRemoval: Bool = false, asOf: Timestamp? = nil) {
        self.prune = prune
        self.allowMassDelete = allowMassDelete
        self.allowDeleteInUse = allowDeleteInUse
        self.allowMassRemoval = allowMassRemoval
        self.asOf = asOf
    }
}
