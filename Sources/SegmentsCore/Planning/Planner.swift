/// Computes a plan from the desired state (segment files) and the remote state (one list call),
/// in named steps: match files to remote segments, diff each pair, prune what no file
/// declares, check the safety rules, and order changes so that names stay unique.
///
/// Pure: the same inputs always give the same plan, which is what makes a saved plan checkable.
public struct Planner: Sendable {
    /// The repository's configuration (target, protected names).
    public let config: RepositoryConfig
    /// The plan's switches.
    public let options: PlanOptions

    /// Creates a planner.
    public init(config: RepositoryConfig, options: PlanOptions) {
        self.config = config
        self.options = options
    }

    private var target: any TargetDescriptor { config.target }

    /// The plan that makes `remote` match `desired`.
    public func plan(desired: [SegmentDeclaration], remote: [RemoteSegment]) -> Plan {
        var problems: [Diagnostic] = []
        var notices: [String] = []
        var claimed = Set<String>()
        var surplus: [RemoteSegment] = []
        var shardWarnings: [String: String] = [:]
        var shardFamilyIDs = Set<String>()
        var matches: [(SegmentDeclaration, RemoteSegment?)] = []
        // Sharded files whose mass removal is judged once their shards are compared.
        var shardedFiles: [(declaration: SegmentDeclaration, pairs: Range<Int>, surplus: [RemoteSegment])] = []
        let shards = config.schema.shardedList.map { ShardPlanning(key: $0, remote: remote) }
        if let shards {
            for declaration in desired where declaration.shards != nil {
                let (pairs, extra, warning) = shards.match(declaration, claimed: &claimed)
                if !options.allowMassRemoval { shardedFiles.append((declaration, matches.count..<matches.count + pairs.count, extra)) }
                matches += pairs
                surplus += extra
                shardFamilyIDs.formUnion((pairs.compactMap(\.1) + extra).map(\.id))
                if let warning, let first = pairs.first {
                    shardWarnings[first.0.name] = warning
                    notices.append(warning)
                }
            }
        }
        let unsharded = desired.contains { $0.shards != nil } ? desired.filter { $0.shards == nil } : desired
        let pairs = match(unsharded, remote, shards: shards, claimed: &claimed, surplus: &surplus, problems: &problems)
        matches = matches.isEmpty ? pairs : matches + pairs
        // Pairs are compared on all cores (100,000 pairs of 100 members each are a second on one).
        let outcomes = ParallelMap.map(matches, outcome)
        if let shards {
            problems.insert(contentsOf: massRemovals(shardedFiles, matches: matches, outcomes: outcomes, shards: shards), at: 0)
        }
        var (creates, updates, unchanged) = sorted(outcomes)
        for index in creates.indices { if let warning = shardWarnings[creates[index].name] { creates[index].warnings.append(warning) } }
        for index in updates.indices { if let warning = shardWarnings[updates[index].desired?.name ?? ""] { updates[index].warnings.append(warning) } }
        let unclaimed = remote.filter { !claimed.contains($0.id) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        let prune = options.prune || config.prune
        var (deletes, unmanaged) = self.prune(unclaimed, prune: prune)
        // Shards a file no longer needs are its own: they go without --prune.
        deletes += self.prune(surplus, prune: true).deletes.map { change in
            var delete = change
            delete.warnings.insert("no longer needed: '\(Sharding.parse(change.name)?.logical ?? change.name)' has a different number of shards now", at: 0)
            return delete
        }
        flagProbableRenames(creates: &creates, unmanaged: unclaimed, prune: prune, notices: &notices)
        problems += safety(deletes: deletes, updates: updates.filter { !shardFamilyIDs.contains($0.segmentID ?? "") }, remoteCount: remote.count, desired: desired)
        creates.sort { Self.order($0.name, "") < Self.order($1.name, "") }
        updates.sort { Self.order($0.name, $0.segmentID ?? "") < Self.order($1.name, $1.segmentID ?? "") }
        deletes.sort { Self.order($0.name, $0.segmentID ?? "") < Self.order($1.name, $1.segmentID ?? "") }
        var changes = updates + creates + deletes
        if target.enforcesUniqueNames {
            problems += order(&changes, remote: remote)
        }
        unmanaged.sort { ($0.name, $0.id) < ($1.name, $1.id) }
        return Plan(
            target: target.kind, changes: changes, unchanged: unchanged.sorted(), unmanaged: unmanaged,
            problems: problems, notices: notices, options: options, fingerprint: RemoteFingerprint(remote))
    }

    /// Sorts by name, keeping the shards of one segment together and in order.
    static func order(_ name: String, _ id: String) -> (String, Int, String, String) {
        guard let (logical, index, _) = Sharding.parse(name) else { return (name, -1, name, id) }
        return (logical, index, name, id)
    }

    /// Pairs each file with its remote segment: pinned files claim theirs by id first (so a
    /// name freed by a rename can be reused), then the others match by name, or take back the
    /// first shard of what was split before.
    private func match(
        _ desired: [SegmentDeclaration], _ remote: [RemoteSegment], shards: ShardPlanning?,
        claimed: inout Set<String>, surplus: inout [RemoteSegment], problems: inout [Diagnostic]
    ) -> [(SegmentDeclaration, RemoteSegment?)] {
        // Positions in `remote` rather than copies of its segments: at 100,000 segments the
        // copies were tens of megabytes and a good part of planning's time.
        let byID = Dictionary(remote.indices.map { (remote[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        var byName: [String: [Int]] = [:]
        byName.reserveCapacity(remote.count)
        for index in remote.indices { byName[remote[index].name, default: []].append(index) }
        var matches: [(SegmentDeclaration, RemoteSegment?)] = []
        matches.reserveCapacity(desired.count)
        for declaration in desired {
            guard let id = declaration.pinnedID else { continue }
            if let index = byID[id] {
                let segment = remote[index]
                claimed.insert(id)
                matches.append((declaration, segment))
            } else {
                problems.append(MissingPinnedSegment.problem(declaration, segmentID: id))
            }
        }
        for declaration in desired where declaration.pinnedID == nil {
            let candidates = (byName[declaration.name] ?? []).map { remote[$0] }.filter { !claimed.contains($0.id) }
            switch candidates.count {
            case 0:
                let family = shards?.unsharded(declaration, claimed: &claimed)
                surplus += family?.surplus ?? []
                matches.append((declaration, family?.segment))
            case 1:
                claimed.insert(candidates[0].id)
                matches.append((declaration, candidates[0]))
            default:
                problems.append(AmbiguousName.problem(declaration, candidates: candidates))
                for candidate in candidates { claimed.insert(candidate.id) }
            }
        }
        return matches
    }

    /// What one matched file asks for.
    private enum Outcome: Sendable {
        case create(Change)
        case update(Change)
        case unchanged(String)

        /// Whether the members of list `key` change.
        func changesList(_ key: String) -> Bool {
            switch self {
            case .create(let change), .update(let change): change.members.contains { $0.key == key }
            case .unchanged: false
            }
        }
    }

    /// The outcomes of the matched pairs, by kind, in the files' order.
    private func sorted(_ outcomes: [Outcome]) -> (creates: [Change], updates: [Change], unchanged: [String]) {
        var creates: [Change] = []
        var updates: [Change] = []
        var unchanged: [String] = []
        for outcome in outcomes {
            switch outcome {
            case .create(let change): creates.append(change)
            case .update(let change): updates.append(change)
            case .unchanged(let name): unchanged.append(name)
            }
        }
        return (creates, updates, unchanged)
    }

    /// Mass removals of sharded files, judged on the logical segment (items moving between
    /// shards stay). When no remote shard's list changes and none is left over (the usual
    /// plan), nothing is removed: the shards' own comparisons say so, and no sets are built.
    private func massRemovals(
        _ files: [(declaration: SegmentDeclaration, pairs: Range<Int>, surplus: [RemoteSegment])],
        matches: [(SegmentDeclaration, RemoteSegment?)], outcomes: [Outcome], shards: ShardPlanning
    ) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (declaration, range, surplus) in files {
            let listsKept = surplus.isEmpty && range.allSatisfy { matches[$0].1 == nil || !outcomes[$0].changesList(shards.key) }
            guard !listsKept else { continue }
            let (removed, before) = shards.removals(declaration, pairs: Array(matches[range]), surplus: surplus, asOf: options.asOf)
            if MassRemoval.applies(removed: removed, before: before) {
                problems.append(MassRemoval.problem(segment: declaration.name, key: shards.key, removed: removed, before: before, file: declaration.file))
            }
        }
        return problems
    }

    private func outcome(_ declaration: SegmentDeclaration, _ segment: RemoteSegment?) -> Outcome {
        let desired = declaration.state(asOf: options.asOf)
        guard let segment else {
            let (fields, members) = SegmentDiff.creation(of: desired, schema: config.schema)
            return .create(change(.create, name: desired.name, file: declaration.file, fields: fields, members: members, desired: desired, states: [desired]))
        }
        var (fields, members) = SegmentDiff.changes(from: segment.state, to: desired, schema: config.schema)
        for index in members.indices {
            let expired = declaration.expiredItems(in: members[index].key, asOf: options.asOf)
            for id in members[index].removed {
                if let expiry = expired[id] { members[index].reasons[id] = "expired \(expiry.text)" }
            }
        }
        let renamed = segment.name != desired.name
        if fields.isEmpty && members.isEmpty && !renamed {
            return .unchanged(desired.name)
        }
        var update = change(.update, name: segment.name, file: declaration.file, fields: fields, members: members, desired: desired, states: [desired, segment.state])
        update.newName = renamed ? desired.name : nil
        update.segmentID = segment.id
        update.expectedUpdatedAt = segment.updatedAt
        update.lastChangedBy = segment.updatedBy
        return .update(update)
    }

    /// A delete for each remote segment no file declares when pruning; otherwise it is unmanaged.
    private func prune(_ unclaimed: [RemoteSegment], prune: Bool) -> (deletes: [Change], unmanaged: [Plan.Unmanaged]) {
        guard prune else { return ([], unclaimed.map { Plan.Unmanaged(id: $0.id, name: $0.name) }) }
        let deletes = unclaimed.map { segment in
            var warnings = ["deleting a segment also removes all of its feature-flag associations (cascading delete)"]
            if let usage = segment.usage, usage > 0 {
                warnings.append("\(usage) feature flag\(usage == 1 ? "" : "s") use\(usage == 1 ? "s" : "") this segment")
            }
            var delete = change(.delete, name: segment.name, file: nil, fields: [], members: SegmentDiff.deletion(of: segment.state, schema: config.schema), desired: nil, states: [segment.state])
            delete.segmentID = segment.id
            delete.expectedUpdatedAt = segment.updatedAt
            delete.usage = segment.usage
            delete.warnings = warnings
            return delete
        }
        return (deletes, [])
    }

    /// A change whose sensitivity follows the target's rule for any of `states`.
    private func change(
        _ action: Change.Action, name: String, file: String?, fields: [Change.FieldChange], members: [Change.MemberChange],
        desired: SegmentState?, states: [SegmentState]
    ) -> Change {
        let sensitive = states.contains { target.isSensitive($0) }
        return Change(
            action: action, name: name, file: file, fields: fields, members: members, desired: desired,
            isSensitive: sensitive, hiddenFields: sensitive ? target.sensitiveFields : [])
    }

    /// A create without a pinned id that resembles a remote segment no file declares is
    /// probably a rename done the wrong way: say so, with the fix.
    private func flagProbableRenames(creates: inout [Change], unmanaged: [RemoteSegment], prune: Bool, notices: inout [String]) {
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
            let message = prune
                ? "probable rename: '\(old.name)' is deleted and '\(desired.name)' created; \(advice)"
                : "probable rename: '\(desired.name)' would be created while '\(old.name)' (\(old.id)) stays unmanaged; \(advice)"
            creates[index].warnings.append(message)
            notices.append(message)
        }
    }

    /// Refusals: protected segments, segments in use, mass deletes and mass removals.
    private func safety(deletes: [Change], updates: [Change], remoteCount: Int, desired: [SegmentDeclaration]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var protectedBy: [String: String] = [:]
        for (index, entry) in config.protect.enumerated() {
            var place = config.file ?? RepositoryConfig.fileName
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
                problems.append(ProtectedSegment.problem(change, reason: reason))
            }
            if let usage = change.usage, usage > 0, !options.allowDeleteInUse {
                problems.append(SegmentInUse.problem(change, usage: usage))
            }
        }
        if !options.allowMassDelete, let problem = MassDelete.problem(deletes: deletes.count, remoteCount: remoteCount) {
            problems.append(problem)
        }
        if !options.allowMassRemoval {
            for change in updates {
                for member in change.members {
                    if let problem = MassRemoval.problem(change, member) { problems.append(problem) }
                }
            }
        }
        return problems
    }

    /// Records which change must wait for which so that no two segments hold one name at once
    /// (for targets whose names are unique); reports conflicts that no order can resolve.
    private func order(_ changes: inout [Change], remote: [RemoteSegment]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
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
                problems.append(NameConflict.problem(change, name: name, holderID: holderID))
            }
        }
        if let cycle = Self.findCycle(changes) {
            problems.append(RenameCycle.problem(names: cycle.map { changes[$0].name }))
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
