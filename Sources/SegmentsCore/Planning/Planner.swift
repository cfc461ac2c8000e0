/// Computes a plan from the desired state (segment files) and the remote state (one list call).
///
/// Pure: the same inputs always give the same plan, which is what makes a saved plan checkable.
public struct Planner: Sendable {
    /// The repository's configuration (target schema, protected names).
    public let config: RepositoryConfig
    /// The plan's switches.
    public let options: PlanOptions

    /// Creates a planner.
    public init(config: RepositoryConfig, options: PlanOptions) {
        self.config = config
        self.options = options
    }

    /// The plan that makes `remote` match `desired`.
    public func plan(desired: [SegmentDeclaration], remote: [RemoteSegment]) -> Plan {
        let schema = config.schema
        var problems: [Plan.Problem] = []
        var notices: [String] = []
        let byID = Dictionary(remote.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var byName: [String: [RemoteSegment]] = [:]
        for segment in remote { byName[segment.name, default: []].append(segment) }

        // Pinned files claim their segments first, so a name freed by a rename can be reused.
        var matches: [(SegmentDeclaration, RemoteSegment?)] = []
        var claimed = Set<String>()
        for declaration in desired where declaration.pinnedID != nil {
            let id = declaration.pinnedID!
            if let segment = byID[id] {
                claimed.insert(id)
                matches.append((declaration, segment))
            } else {
                problems.append(Plan.Problem(
                    rule: "pinned-id-missing",
                    message: "\(declaration.file) pins id \(id), but no remote segment has it (deleted remotely?); remove the 'id' line to create '\(declaration.name)' anew"))
            }
        }
        for declaration in desired where declaration.pinnedID == nil {
            let candidates = (byName[declaration.name] ?? []).filter { !claimed.contains($0.id) }
            switch candidates.count {
            case 0:
                matches.append((declaration, nil))
            case 1:
                claimed.insert(candidates[0].id)
                matches.append((declaration, candidates[0]))
            default:
                problems.append(Plan.Problem(
                    rule: "ambiguous-name",
                    message: "\(candidates.count) remote segments are named '\(declaration.name)' (\(candidates.map(\.id).sorted().joined(separator: ", "))); pin the one \(declaration.file) manages with 'id:'"))
                for candidate in candidates { claimed.insert(candidate.id) }
            }
        }

        var creates: [Change] = []
        var updates: [Change] = []
        var unchanged: [String] = []
        for (declaration, segment) in matches {
            let desiredState = declaration.state
            guard let segment else {
                let (fields, members) = SegmentDiff.creation(of: desiredState, schema: schema)
                creates.append(Change(
                    action: .create, name: desiredState.name, file: declaration.file, fields: fields, members: members,
                    desired: desiredState, isSensitive: isSensitive(desiredState)))
                continue
            }
            let (fields, members) = SegmentDiff.changes(from: segment.state, to: desiredState, schema: schema)
            let renamed = segment.name != desiredState.name
            if fields.isEmpty && members.isEmpty && !renamed {
                unchanged.append(desiredState.name)
                continue
            }
            updates.append(Change(
                action: .update, name: segment.name, newName: renamed ? desiredState.name : nil, segmentID: segment.id,
                expectedUpdatedAt: segment.updatedAt, file: declaration.file, fields: fields, members: members,
                desired: desiredState, isSensitive: isSensitive(desiredState) || isSensitive(segment.state)))
        }

        let unclaimed = remote.filter { !claimed.contains($0.id) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        var deletes: [Change] = []
        var unmanaged: [Plan.Unmanaged] = []
        let prune = options.prune || config.prune
        for segment in unclaimed {
            guard prune else {
                unmanaged.append(Plan.Unmanaged(id: segment.id, name: segment.name))
                continue
            }
            var warnings = ["deleting a segment also removes all of its feature-flag associations (cascading delete)"]
            if let usage = segment.usage, usage > 0 {
                warnings.append("\(usage) feature flag\(usage == 1 ? "" : "s") use\(usage == 1 ? "s" : "") this segment")
            }
            deletes.append(Change(
                action: .delete, name: segment.name, segmentID: segment.id, expectedUpdatedAt: segment.updatedAt,
                members: SegmentDiff.deletion(of: segment.state, schema: schema), isSensitive: isSensitive(segment.state),
                usage: segment.usage, warnings: warnings))
        }

        flagProbableRenames(creates: &creates, unmanaged: unclaimed, prune: prune, notices: &notices)
        problems += safetyProblems(deletes: deletes, remoteCount: remote.count, desired: desired)

        creates.sort { $0.name < $1.name }
        updates.sort { ($0.name, $0.segmentID ?? "") < ($1.name, $1.segmentID ?? "") }
        deletes.sort { ($0.name, $0.segmentID ?? "") < ($1.name, $1.segmentID ?? "") }
        var changes = updates + creates + deletes
        if config.api.kind == .platform {
            problems += orderByNames(&changes, remote: remote)
        }
        return Plan(
            target: config.api.kind, changes: changes, unchanged: unchanged.sorted(), unmanaged: unmanaged,
            problems: problems, notices: notices, options: options, fingerprint: RemoteFingerprint(remote))
    }

    private func isSensitive(_ state: SegmentState) -> Bool {
        if case .string(let name) = state["comparator"], let comparator = Comparator(rawValue: name) {
            return comparator.isSensitive
        }
        return false
    }

    /// A create without a pinned id that resembles a remote segment no file declares is
    /// probably a rename done the wrong way: say so, with the fix.
    private func flagProbableRenames(
        creates: inout [Change], unmanaged: [RemoteSegment], prune: Bool,
        notices: inout [String]
    ) {
        var taken = Set<String>()
        for index in creates.indices {
            guard let desired = creates[index].desired else { continue }
            let scored = unmanaged
                .filter { !taken.contains($0.id) }
                .map { ($0, SegmentDiff.similarity(desired, $0.state, schema: config.schema)) }
                .filter { $0.1 >= 0.5 }
                .sorted { ($0.1, $1.0.name) > ($1.1, $0.0.name) }
            guard let (old, _) = scored.first else { continue }
            taken.insert(old.id)
            let file = creates[index].file ?? "its file"
            let advice = "pin 'id: \(old.id)' in \(file) to rename it in place and keep its feature-flag associations"
            if prune {
                let message = "probable rename: '\(old.name)' is deleted and '\(desired.name)' created; \(advice)"
                creates[index].warnings.append(message)
                notices.append(message)
            } else {
                let message = "probable rename: '\(desired.name)' would be created while '\(old.name)' (\(old.id)) stays unmanaged; \(advice)"
                creates[index].warnings.append(message)
                notices.append(message)
            }
        }
    }

    /// Refusals: protected segments, segments in use, and mass deletes.
    private func safetyProblems(deletes: [Change], remoteCount: Int, desired: [SegmentDeclaration]) -> [Plan.Problem] {
        var problems: [Plan.Problem] = []
        var protectedBy: [String: String] = [:]
        for (index, entry) in config.protect.enumerated() {
            var place = config.file ?? Repository.configFileName
            if index < config.protectMarks.count { place += ":\(config.protectMarks[index].line)" }
            protectedBy[entry] = "protected by \(place) (protect)"
        }
        for declaration in desired where declaration.protect {
            let reason = "protect: true in \(declaration.file)"
            protectedBy[declaration.name] = reason
            if let id = declaration.pinnedID { protectedBy[id] = reason }
        }
        for change in deletes {
            if let reason = protectedBy[change.segmentID ?? ""] ?? protectedBy[change.name] {
                problems.append(Plan.Problem(
                    rule: "protect",
                    message: "refusing to delete '\(change.name)' (\(change.segmentID ?? "")): \(reason); remove the protection first if the deletion is intended"))
            }
            if let usage = change.usage, usage > 0, !options.allowDeleteInUse {
                problems.append(Plan.Problem(
                    rule: "in-use",
                    message: "refusing to delete '\(change.name)' (\(change.segmentID ?? "")): \(usage) feature flag\(usage == 1 ? " uses" : "s use") it (usage \(usage)); remove it from those flags first, or run again with --allow-delete-in-use"))
            }
        }
        let count = deletes.count
        if count > 0, !options.allowMassDelete, count == remoteCount || count * 2 > remoteCount {
            let extent = count == remoteCount ? "all \(remoteCount)" : "\(count) of \(remoteCount)"
            problems.append(Plan.Problem(
                rule: "mass-delete",
                message: "refusing to delete \(extent) remote segments (more than half); if that is intended, run again with --allow-mass-delete"))
        }
        return problems
    }

    /// Records which change must wait for which so that no two segments hold one name at once
    /// (the platform API's names are unique); reports conflicts that no order can resolve.
    private func orderByNames(_ changes: inout [Change], remote: [RemoteSegment]) -> [Plan.Problem] {
        var problems: [Plan.Problem] = []
        let holder = Dictionary(remote.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        var changeOf: [String: Int] = [:]
        for (index, change) in changes.enumerated() {
            if let id = change.segmentID { changeOf[id] = index }
        }
        for index in changes.indices where changes[index].action != .delete {
            let change = changes[index]
            let takes = change.action == .create ? change.name : change.newName
            guard let name = takes, let holderID = holder[name], holderID != change.segmentID else { continue }
            if let freeing = changeOf[holderID],
               changes[freeing].action == .delete || (changes[freeing].newName.map { $0 != name } ?? false) {
                changes[index].dependencies.append(freeing)
            } else {
                problems.append(Plan.Problem(
                    rule: "name-conflict",
                    message: "'\(change.name)' cannot become '\(name)': remote segment \(holderID) keeps that name; rename or delete it first"))
            }
        }
        if let cycle = Self.findCycle(changes) {
            let names = cycle.map { "'\(changes[$0].name)'" }.joined(separator: " -> ")
            problems.append(Plan.Problem(
                rule: "rename-cycle",
                message: "renames form a cycle (\(names)); rename one of them to a temporary name first, apply, then finish"))
        }
        return problems
    }

    static func findCycle(_ changes: [Change]) -> [Int]? {
        var state = [UInt8](repeating: 0, count: changes.count)
        var stack: [Int] = []
        func visit(_ node: Int) -> [Int]? {
            state[node] = 1
            stack.append(node)
            for next in changes[node].dependencies {
                if state[next] == 1, let start = stack.firstIndex(of: next) { return Array(stack[start...]) }
                if state[next] == 0, let cycle = visit(next) { return cycle }
            }
            stack.removeLast()
            state[node] = 2
            return nil
        }
        for node in changes.indices where state[node] == 0 {
            if let cycle = visit(node) { return cycle }
        }
        return nil
    }
}
