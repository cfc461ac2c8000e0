import SegmentsClient
import SegmentsCore

/// The shared first half of plan, apply and import: validate the files, read the remote state,
/// compute the plan. Anything that goes wrong ends the process with a clear message.
struct PlanRun {
    let workspace: Workspace
    let validation: Validator.Report
    let remote: any SegmentsRemote
    let url: String
    let remoteSegments: [RemoteSegment]
    var plan: Plan

    /// Validates (an invalid repository never reaches the network), lists the remote, plans.
    static func make(root: Segctl, remoteOptions: RemoteOptions, options: PlanOptions) async -> PlanRun {
        let workspace = Workspace.open(root)
        let validation = workspace.validate(recordingDigests: true)
        Self.stopIfInvalid(validation)
        let (remote, url) = Self.connect(remoteOptions, workspace.repository.config)
        let remoteSegments: [RemoteSegment]
        do {
            remoteSegments = try await remote.listSegments()
        } catch {
            Fail.with(error)
        }
        let plan = Planner(config: workspace.repository.config, options: options)
            .plan(desired: validation.segments, remote: remoteSegments)
        return PlanRun(workspace: workspace, validation: validation, remote: remote, url: url, remoteSegments: remoteSegments, plan: plan)
    }

    /// Prints validation errors to standard error and exits 1 when there are any.
    static func stopIfInvalid(_ validation: Validator.Report) {
        guard validation.summary.errors > 0 else { return }
        let reporter = TextDiagnosticReporter(colored: Output.wantsColor(standardError: true))
        Output.standardError(reporter.report(validation.diagnostics, summary: validation.summary))
        Fail.with("the segment files are invalid; fix them (segctl validate) before planning")
    }

    static func connect(_ options: RemoteOptions, _ config: RepositoryConfig) -> (any SegmentsRemote, String) {
        do {
            return try options.connect(config)
        } catch {
            Fail.with(error)
        }
    }

    /// Looks up labels for the member IDs the plan shows: one batched call per kind. Labels are
    /// decoration, so a failure is a warning, not an error.
    mutating func resolveLabels() async {
        var ids: [SegmentSchema.MemberKind: Set<String>] = [:]
        for change in plan.changes where !change.isSensitive {
            for member in change.members {
                guard let kind = member.kind else { continue }
                ids[kind, default: []].formUnion(member.added)
                ids[kind, default: []].formUnion(member.removed)
            }
        }
        for kind in SegmentSchema.MemberKind.allCases {
            guard let wanted = ids[kind], !wanted.isEmpty else { continue }
            do {
                plan.labels[kind] = try await remote.resolveLabels(wanted.sorted(), kind: kind)
            } catch {
                Output.standardError("segctl: warning: could not look up \(kind.rawValue) labels (\(error)); showing IDs only\n")
            }
        }
    }

    /// Digests of the config file and every segment file, the inputs a saved plan pins.
    var fileDigests: [SavedPlan.FileDigest] {
        var digests = validation.fileDigests
        if let configPath = workspace.repository.configPath, let bytes = try? FileSystem.read(configPath, limit: Repository.maxConfigFileSize) {
            digests.append(SavedPlan.FileDigest(path: workspace.repository.displayPath(configPath), sha256: Digest.sha256(bytes)))
        }
        return digests
    }
}
