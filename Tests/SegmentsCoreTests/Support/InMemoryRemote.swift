import SegmentsCore

/// A remote API held in memory, for planner and executor tests without a network. It keeps
/// the platform API's rules that matter to ordering (unique names) and can inject faults.
actor InMemoryRemote: SegmentsRemote {
    enum CreateFault {
        /// The segment is created, then the response is lost.
        case lostResponse
        /// The request is lost before the server sees it.
        case lostRequest
    }

    nonisolated let target: TargetKind
    nonisolated var enforcesUniqueNames: Bool { target == .platform }
    private(set) var segments: [String: RemoteSegment] = [:]
    /// How many segments hold each name, kept up to date for fast uniqueness checks.
    private var nameCounts: [String: Int] = [:]
    private var clock = 0
    private var nextID = 0
    var labels: [String: String] = [:]
    var createFaults: [CreateFault] = []
    var failingCreates: Set<String> = []
    private(set) var calls: [String] = []

    init(target: TargetKind = .platform, segments: [RemoteSegment] = []) {
        self.target = target
        for segment in segments {
            self.segments[segment.id] = segment
            nameCounts[segment.name, default: 0] += 1
        }
    }

    func setCreateFaults(_ faults: [CreateFault]) { createFaults = faults }
    func setFailingCreates(_ names: Set<String>) { failingCreates = names }
    func setLabels(_ labels: [String: String]) { self.labels = labels }

    /// Simulates someone else editing a segment.
    func touch(id: String) {
        clock += 1
        segments[id]?.updatedAt = "v\(clock)"
    }

    func listSegments() async throws -> [RemoteSegment] {
        calls.append("list")
        return segments.values.sorted { $0.name < $1.name }
    }

    func fetchSegment(id: String) async throws -> RemoteSegment? {
        calls.append("get \(id)")
        return segments[id]
    }

    func createSegment(_ state: SegmentState) async throws -> String {
        calls.append("create \(state.name)")
        if failingCreates.contains(state.name) { throw TestFailure("create of \(state.name) refused") }
        if !createFaults.isEmpty {
            switch createFaults.removeFirst() {
            case .lostRequest:
                throw RemoteFailure.ambiguous("POST: the server closed the connection")
            case .lostResponse:
                _ = try insert(state)
                throw RemoteFailure.ambiguous("POST: no response within the timeout")
            }
        }
        return try insert(state)
    }

    /// Whether a segment other than `id` holds `name`.
    private func nameTaken(_ name: String, except id: String? = nil) -> Bool {
        let count = nameCounts[name] ?? 0
        if let id, segments[id]?.name == name { return count > 1 }
        return count > 0
    }

    private func insert(_ state: SegmentState) throws -> String {
        if target == .platform, nameTaken(state.name) {
            throw TestFailure("409 name taken: \(state.name)")
        }
        nextID += 1
        clock += 1
        let id = "new\(nextID)"
        segments[id] = RemoteSegment(id: id, updatedAt: "v\(clock)", state: state)
        nameCounts[state.name, default: 0] += 1
        return id
    }

    func updateSegment(id: String, to state: SegmentState, changedFields: Set<String>) async throws {
        calls.append("update \(id)")
        guard segments[id] != nil else { throw TestFailure("404") }
        if target == .platform, nameTaken(state.name, except: id) {
            throw TestFailure("409 name taken: \(state.name)")
        }
        clock += 1
        if let old = segments[id]?.name {
            nameCounts[old, default: 1] -= 1
            nameCounts[state.name, default: 0] += 1
        }
        segments[id]?.state = state
        segments[id]?.updatedAt = "v\(clock)"
    }

    func deleteSegment(id: String) async throws {
        calls.append("delete \(id)")
        guard let removed = segments.removeValue(forKey: id) else { throw TestFailure("404") }
        nameCounts[removed.name, default: 1] -= 1
    }

    func resolveLabels(_ ids: [String], kind: SegmentSchema.MemberKind) async throws -> [String: String] {
        calls.append("resolve \(kind.rawValue)")
        return labels.filter { ids.contains($0.key) }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Builders for states and declarations in tests.
enum Make {
    static func state(_ name: String, users: [String] = [], companies: [String] = [], description: String? = nil, active: Bool = true) -> SegmentState {
        SegmentState(name: name, fields: [
            "description": description.map(FieldValue.string) ?? .null,
            "isActive": .bool(active),
            "userIds": .list(users),
            "companyIds": .list(companies),
        ])
    }

    static func declaration(_ state: SegmentState, id: String? = nil, protect: Bool = false, file: String? = nil) -> SegmentDeclaration {
        SegmentDeclaration(file: file ?? "segments/\(state.name).yaml", state: state, pinnedID: id, protect: protect)
    }

    static func remote(_ id: String, _ state: SegmentState, version: String = "v0", usage: Int? = nil) -> RemoteSegment {
        RemoteSegment(id: id, updatedAt: version, state: state, usage: usage)
    }
}
