import ArgumentParser
import SegmentsCore

/// The switches that change what a plan contains, shared by plan and apply.
struct PlanFlags: ParsableArguments {
    @Flag(help: "Delete remote segments that no file declares (also 'prune: true' in segctl.yaml).") var prune = false
    @Flag(help: "Allow deleting more than half (or all) of the remote segments.") var allowMassDelete = false
    @Flag(help: "Allow deleting segments that feature flags use (ConfigCat).") var allowDeleteInUse = false
    @Flag(help: "Allow removing more than half (at least 10) of a segment's members.") var allowMassRemoval = false

    /// Whether any switch is set.
    var any: Bool { prune || allowMassDelete || allowDeleteInUse || allowMassRemoval }

    /// The plan options, with expiries judged at `instant`.
    func options(asOf instant: Timestamp) -> PlanOptions {
        PlanOptions(prune: prune, allowMassDelete: allowMassDelete, allowDeleteInUse: allowDeleteInUse, allowMassRemoval: allowMassRemoval, asOf: instant)
    }
}
