/// Applying a saved plan safely: the plan is computed again from the same inputs, and refused
/// if the files, the remote segments, the API or the plan itself changed since it was saved.
public enum SavedPlanCheck {
    /// The session to apply for the plan saved in `bytes` (read from `path`), or a failure
    /// saying why it cannot be applied: unreadable, stale, or with problems.
    public static func session(
        savedIn bytes: [UInt8], path: String, contents: RepositoryContents, remote: any SegmentsRemote, apiURL: String
    ) async throws -> PlanSession {
        let saved: SavedPlan
        do {
            saved = try SavedPlan.parse(bytes)
        } catch {
            throw SegctlError.failed("\(path): \(error.reason)")
        }
        let session = try await PlanSession.make(contents, remote: remote, options: saved.options)
        let stale = differences(saved, session, target: contents.config.target.kind, apiURL: apiURL)
        guard stale.isEmpty else {
            throw SegctlError.failed(
                "the saved plan \(path) is stale; nothing was changed:", details: stale,
                advice: "run 'segctl plan --out \(path)' again, review it, then apply it")
        }
        guard session.plan.isApplicable else {
            throw SegctlError.failed("the plan cannot be applied", before: session.plan.problems.map { "[\($0.rule)] \($0.message)" })
        }
        return session
    }

    /// Sentences saying what differs between the saved plan and the one computed now.
    public static func differences(_ saved: SavedPlan, _ session: PlanSession, target: TargetKind, apiURL: String) -> [String] {
        var stale: [String] = []
        if saved.target != target || saved.apiURL != apiURL {
            stale.append("the plan was made for the \(saved.target.rawValue) API at \(saved.apiURL); segctl is now configured for \(target.rawValue) at \(apiURL)")
        }
        stale += saved.fileDifferences(from: session.fileDigests)
        stale += saved.fingerprint.differences(from: session.plan.fingerprint)
        if stale.isEmpty && !saved.matches(session.plan) {
            stale.append("the plan computed now from the same inputs differs from the saved one (was it made by another segctl version?)")
        }
        return stale
    }
}
