/// The first half of plan and apply: validate the files (an invalid repository never reaches
/// the network), read the remote state with one list call, compute the plan.
public struct PlanSession: Sendable {
    /// The validation of the files.
    public let validation: Validator.Report
    /// The plan.
    public var plan: Plan
    /// Digests of every segment file and of `segctl.yaml`: the inputs a saved plan pins.
    public let fileDigests: [FileDigest]
    /// The remote segments the plan was made from.
    public let remote: [RemoteSegment]

    /// Validates `contents`, lists `remote`, and plans with `options`; throws
    /// `SegctlError.invalid` when the files have errors, and the remote's errors as they are.
    /// `fileDigests` is empty unless `recordingDigests` (a plan to be saved or checked needs
    /// them; hashing 228 MB of files is a fifth of a second a plan need not spend).
    public static func make(_ contents: RepositoryContents, remote: any SegmentsRemote, options: PlanOptions, recordingDigests: Bool = true) async throws -> PlanSession {
        let validation = contents.validate(recordingDigests: recordingDigests, asOf: options.asOf)
        guard validation.summary.errors == 0 else {
            throw SegctlError.invalid(validation.diagnostics, summary: validation.summary, message: "the segment files are invalid; fix them (segctl validate) before planning")
        }
        let remoteSegments = try await remote.listSegments()
        let plan = Planner(config: contents.config, options: options).plan(desired: validation.segments, remote: remoteSegments)
        var digests = validation.fileDigests
        if recordingDigests, let config = contents.configDigest { digests.append(config) }
        return PlanSession(validation: validation, plan: plan, fileDigests: digests, remote: remoteSegments)
    }

    /// Looks up labels for the member IDs that `formats` print under `options` (the first of
    /// each list where a format folds it, every one for JSON); returns warnings for lookups
    /// that failed.
    public mutating func resolveLabels(from remote: any SegmentsRemote, shownBy formats: [PlanFormat], options: PlanRenderOptions) async -> [String] {
        let ids = plan.labelledIDs(shownBy: formats, options: options)
        let (labels, warnings) = await LabelLookup.labels(of: ids, from: remote, consequence: "showing IDs only")
        plan.labels = labels
        return warnings
    }
}
