import SegmentsCore

/// Saved plan file -> `SavedPlan.parse`, then the parsed plan used as `segctl apply PLANFILE`
/// uses it.
///
/// Invariant: no crash, hang or unbounded memory; any bytes are either refused with a reason
/// (`InvalidPlanFile`; the CLI escapes it when it prints it), or parse to a plan P whose file `S = P.serialized()` round-trips:
/// `parse(S)` succeeds and equals P in everything a plan file carries (target, API URL,
/// options, remote fingerprint, file digests, plan digest), and `parse(S).serialized() == S`
/// byte for byte. (P's own bytes need not come back: `parse` keeps the plan document only as
/// its digest and recomputes the remote digest from the entries, so S is the canonical form.)
/// The comparisons apply makes (files, remote fingerprint, plan) never crash, and a plan
/// compared with itself shows no difference.
public enum PlanFileCheck {
    /// Checks one input.
    public static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        let plan: SavedPlan
        do {
            plan = try SavedPlan.parse(bytes)
        } catch {
            try InvariantViolation.require(!error.reason.isEmpty, "parse refused the file without a reason")
            return
        }
        let serialized = plan.serialized()
        let reparsed: SavedPlan
        do {
            reparsed = try SavedPlan.parse(Array(serialized.utf8))
        } catch {
            throw InvariantViolation("a parsed plan, serialized, is refused (\(error.reason)): \(serialized.prefix(500))")
        }
        try InvariantViolation.require(reparsed.target == plan.target, "target changed in the round trip")
        try InvariantViolation.require(reparsed.apiURL == plan.apiURL, "apiURL changed in the round trip: \(plan.apiURL.debugDescription) -> \(reparsed.apiURL.debugDescription)")
        try InvariantViolation.require(reparsed.options == plan.options && reparsed.options.asOf?.text == plan.options.asOf?.text, "options changed in the round trip")
        try InvariantViolation.require(reparsed.fingerprint == plan.fingerprint, "the remote fingerprint changed in the round trip")
        try InvariantViolation.require(reparsed.files == plan.files, "the file digests changed in the round trip")
        try InvariantViolation.require(reparsed.planDigest == plan.planDigest, "planDigest changed in the round trip")
        try InvariantViolation.require(reparsed.serialized() == serialized, "serialize(parse(serialize(P))) differs from serialize(P)")

        try InvariantViolation.require(plan.fingerprint.differences(from: plan.fingerprint).isEmpty, "the remote fingerprint differs from itself")
        try InvariantViolation.require(plan.fileDifferences(from: plan.files).isEmpty, "the file digests differ from themselves")
        _ = plan.fingerprint.differences(from: RemoteFingerprint(entries: []))
        _ = RemoteFingerprint(entries: []).differences(from: plan.fingerprint)
        _ = plan.fileDifferences(from: [])
        _ = plan.matches(Plan(target: plan.target, changes: [], unchanged: [], unmanaged: [], problems: [], notices: [], options: plan.options, fingerprint: plan.fingerprint))
    }
}
