import GRDB

/// Read-only views of the database, for tests and tools that open the server's file.
extension SegmentStore {
    /// A feature flag's use of a segment.
    public struct FlagAssociation: Sendable, Hashable {
        /// The flag's key.
        public var flagKey: String
        /// The segment's ID.
        public var segmentID: String

        /// Creates an association value (for comparisons in tests).
        public init(flagKey: String, segmentID: String) {
            self.flagKey = flagKey
            self.segmentID = segmentID
        }
    }

    /// How many rows each directory table holds.
    public struct DirectoryCounts: Sendable, Hashable {
        /// Rows in `companies`.
        public var companies: Int
        /// Rows in `users`.
        public var users: Int
        /// Rows in `api_tokens`.
        public var tokens: Int
        /// Rows in `feature_flags`.
        public var featureFlags: Int
        /// Rows in `feature_flag_segments`.
        public var flagAssociations: Int

        /// Creates counts (for comparisons in tests).
        public init(companies: Int, users: Int, tokens: Int, featureFlags: Int, flagAssociations: Int) {
            self.companies = companies
            self.users = users
            self.tokens = tokens
            self.featureFlags = featureFlags
            self.flagAssociations = flagAssociations
        }
    }

    /// Every segment, ordered by name.
    public func segments() async throws -> [Segment] {
        try await allSegments().map(Segment.init)
    }

    /// The segment with `id`, if any.
    public func segment(id: String) async throws -> Segment? {
        try await segmentRecord(id: id).map(Segment.init)
    }

    /// Every feature flag association, ordered by flag key and segment ID.
    public func flagAssociations() async throws -> [FlagAssociation] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT flag_key, segment_id FROM feature_flag_segments ORDER BY flag_key, segment_id")
                .map { FlagAssociation(flagKey: $0[0], segmentID: $0[1]) }
        }
    }

    /// Row counts of the directory tables.
    public func directoryCounts() async throws -> DirectoryCounts {
        try await writer.read { db in
            func count(_ table: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return DirectoryCounts(
                companies: try count("companies"), users: try count("users"), tokens: try count("api_tokens"),
                featureFlags: try count("feature_flags"), flagAssociations: try count("feature_flag_segments"))
        }
    }
}
