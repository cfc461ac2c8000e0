/// A segment as the remote API holds it.
public struct RemoteSegment: Hashable, Sendable {
    /// The API's identifier (a cuid for the platform API, a UUID for ConfigCat).
    public var id: String
    /// The API's last-modified time, the fingerprint of this version of the segment.
    public var updatedAt: String
    /// Its name and fields, in the same shape as a file's desired state.
    public var state: SegmentState
    /// How many feature flags use it, when the API says (ConfigCat's `usage`).
    public var usage: Int?
    /// Who changed it last, when the API says (ConfigCat's `lastUpdaterEmail`).
    public var updatedBy: String?

    /// Creates a remote segment.
    public init(id: String, updatedAt: String, state: SegmentState, usage: Int? = nil, updatedBy: String? = nil) {
        self.id = id
        self.updatedAt = updatedAt
        self.state = state
        self.usage = usage
        self.updatedBy = updatedBy
    }

    /// The segment's name.
    public var name: String { state.name }
}
