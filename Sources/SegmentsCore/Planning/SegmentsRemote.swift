/// A remote Segments API, as the planner and executor see it. Implemented over HTTP by
/// SegmentsClient and in memory by tests; the planner never sees HTTP.
public protocol SegmentsRemote: Sendable {
    /// Every remote segment, fully populated.
    func listSegments() async throws -> [RemoteSegment]

    /// One segment by ID, or nil when the API says it does not exist.
    func fetchSegment(id: String) async throws -> RemoteSegment?

    /// Creates a segment; returns its new ID.
    func createSegment(_ state: SegmentState) async throws -> String

    /// Updates a segment to `state`; `changedFields` names what differs (APIs that accept
    /// partial updates send only those).
    func updateSegment(id: String, to state: SegmentState, changedFields: Set<String>) async throws

    /// Deletes a segment.
    func deleteSegment(id: String) async throws

    /// Labels (e.g. e-mail addresses) of member IDs; unknown IDs are absent from the result.
    func resolveLabels(_ ids: [String], kind: SegmentSchema.MemberKind) async throws -> [String: String]
}

/// A failure of a remote call that the executor treats specially.
public enum RemoteFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request may or may not have taken effect (a timeout or a dropped connection after
    /// the request was sent). For a create, the executor re-reads the list before retrying.
    case ambiguous(String)

    /// The reason.
    public var description: String {
        switch self {
        case .ambiguous(let reason): reason
        }
    }
}
