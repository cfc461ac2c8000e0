extension SegmentStore {
    /// A stored segment, with its lists decoded.
    public struct Segment: Sendable, Hashable {
        /// The cuid-style ID.
        public var id: String
        /// The unique name.
        public var name: String
        /// The description, if any.
        public var description: String?
        /// Whether the segment is active.
        public var isActive: Bool
        /// User IDs, in the order stored.
        public var userIds: [String]
        /// Company IDs, in the order stored.
        public var companyIds: [String]
        /// Creation time, ISO 8601 UTC with milliseconds, as the API serves it.
        public var createdAt: String
        /// Last update time, in the same form.
        public var updatedAt: String

        init(_ record: SegmentRecord) throws {
            id = record.id
            name = record.name
            description = record.description
            isActive = record.isActive
            userIds = try record.userIds.decoded()
            companyIds = try record.companyIds.decoded()
            createdAt = record.createdAt.iso8601
            updatedAt = record.updatedAt.iso8601
        }
    }
}
