import GRDB

/// The server's SQLite database: segments, the directory of users and companies, bearer
/// tokens and feature flags.
///
/// A file is opened as a WAL connection pool (readers run concurrently with the single
/// writer); no path means a private in-memory database. Every mutation is one transaction,
/// and SQLite serialises writers, so concurrent requests cannot lose an update. Opening the
/// same file again (a restart, or a test inspecting a running server) sees the same data.
public struct SegmentStore: Sendable {
    let writer: any DatabaseWriter
    private let clock: @Sendable () -> Timestamp
    private let segmentIDs = SegmentIDGenerator()

    /// Opens (creating and migrating if needed) the database at `path`, or an in-memory one.
    public init(path: String?) throws {
        try self.init(path: path, clock: Timestamp.now)
    }

    /// Opens a database whose timestamps come from `clock`.
    init(path: String?, clock: @escaping @Sendable () -> Timestamp) throws {
        var configuration = Configuration()
        configuration.label = "segments"
        configuration.busyMode = .timeout(10)
        if let path {
            // WAL makes NORMAL durable against crashes of the process; only a power loss can
            // drop the last commits, and it saves an fsync per write.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            writer = try DatabasePool(path: path, configuration: configuration)
        } else {
            writer = try DatabaseQueue(configuration: configuration)
        }
        self.clock = clock
        try Self.migrator.migrate(writer)
    }

    // MARK: Segments

    /// Every segment, ordered by name.
    func allSegments() async throws -> [SegmentRecord] {
        try await writer.read { db in
            try SegmentRecord.fetchAll(
                db.cachedStatement(sql: "SELECT \(SegmentRecord.columns) FROM segments ORDER BY name"))
        }
    }

    /// The segment with `id`, if any.
    func segmentRecord(id: String) async throws -> SegmentRecord? {
        try await writer.read { db in
            try Self.fetchSegment(id: id, in: db)
        }
    }

    /// Creates a segment named `name` with the given fields (defaults for the rest) and
    /// attaches it to the feature flags that target that name.
    /// - Throws: `DuplicateSegmentName` when the name is taken.
    func createSegment(named name: String, with changes: SegmentChanges) async throws -> SegmentRecord {
        let now = clock()
        let record = SegmentRecord(
            id: segmentIDs.next(at: now), name: name, description: changes.description ?? nil,
            isActive: changes.isActive ?? true, userIds: changes.userIds ?? .empty,
            companyIds: changes.companyIds ?? .empty, createdAt: now, updatedAt: now)
        try await Self.reportingDuplicateName(name) {
            try await writer.write { db in
                try db.cachedStatement(
                    sql: "INSERT INTO segments (\(SegmentRecord.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                ).execute(arguments: record.arguments)
                try Self.attachDeclaredFlags(toSegment: record.id, named: name, in: db)
            }
        }
        return record
    }

    /// Applies `changes` to the segment with `id` and gives it a new `updatedAt`, strictly
    /// later than the previous one even within the same millisecond.
    /// - Returns: The updated segment, or nil when there is none with this ID.
    /// - Throws: `DuplicateSegmentName` when renaming to a name another segment has.
    func updateSegment(id: String, with changes: SegmentChanges) async throws -> SegmentRecord? {
        try await Self.reportingDuplicateName(changes.name ?? "") {
            try await writer.write { db in
                guard var record = try Self.fetchSegment(id: id, in: db) else { return nil }
                let previousName = record.name
                record.apply(changes)
                record.updatedAt = clock().advanced(past: record.updatedAt)
                try db.cachedStatement(
                    sql: """
                        UPDATE segments SET name = ?, description = ?, is_active = ?, user_ids = ?,
                        company_ids = ?, updated_at = ? WHERE id = ?
                        """
                ).execute(arguments: [
                    record.name, record.description, record.isActive, record.userIds.json,
                    record.companyIds.json, record.updatedAt.milliseconds, id,
                ])
                if record.name != previousName {
                    try Self.attachDeclaredFlags(toSegment: id, named: record.name, in: db)
                }
                return record
            }
        }
    }

    /// Deletes the segment with `id`; its feature flag associations go with it in the same
    /// transaction (the join table's foreign key cascades).
    /// - Returns: Whether there was such a segment.
    func deleteSegment(id: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM segments WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    // MARK: Directory

    /// Companies whose name or ID contains `query`, ignoring case, ordered by name.
    func searchCompanies(matching query: String, limit: Int) async throws -> [DirectoryEntry] {
        let folded = query.lowercased()
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, name, plan FROM companies
                    WHERE instr(folded_name, ?) > 0 OR instr(folded_id, ?) > 0
                    ORDER BY name, id LIMIT ?
                    """,
                arguments: [folded, folded, limit]
            ).map(Self.companyEntry)
        }
    }

    /// Users whose email, name or ID contains `query`, ignoring case, ordered by email.
    func searchUsers(matching query: String, limit: Int) async throws -> [DirectoryEntry] {
        let folded = query.lowercased()
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, email, name FROM users
                    WHERE instr(folded_email, ?) > 0 OR instr(folded_name, ?) > 0 OR instr(folded_id, ?) > 0
                    ORDER BY email, id LIMIT ?
                    """,
                arguments: [folded, folded, folded, limit]
            ).map(Self.userEntry)
        }
    }

    /// The companies among `ids`, in the order asked, each once; unknown IDs are left out.
    func resolveCompanies(_ ids: [String]) async throws -> [DirectoryEntry] {
        try await resolve(ids, sql: "SELECT id, name, plan FROM companies WHERE id IN", entry: Self.companyEntry)
    }

    /// The users among `ids`, in the order asked, each once; unknown IDs are left out.
    func resolveUsers(_ ids: [String]) async throws -> [DirectoryEntry] {
        try await resolve(ids, sql: "SELECT id, email, name FROM users WHERE id IN", entry: Self.userEntry)
    }

    /// Every token's credential, for the authentication middleware.
    func credentials() async throws -> [Credential] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT t.token_sha256, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id"
            ).map { row in
                Credential(
                    tokenDigest: row[0],
                    isSuperAdmin: row[1] == Directory.Role.superAdmin.rawValue)
            }
        }
    }

    // MARK: Helpers

    private func resolve(
        _ ids: [String], sql: String, entry: @escaping @Sendable (Row) -> DirectoryEntry
    ) async throws -> [DirectoryEntry] {
        var seen = Set<String>()
        let wanted = ids.filter { seen.insert($0).inserted }
        guard !wanted.isEmpty else { return [] }
        // "?,?,...,?" written directly: GRDB's databaseQuestionMarks joins an array of "?" through
        // generic code, a fifth of the time of a 1,000-ID call.
        let placeholders = String(repeating: "?,", count: wanted.count - 1) + "?"
        let found = try await writer.read { db in
            try Row.fetchAll(db, sql: "\(sql) (\(placeholders))", arguments: StatementArguments(wanted)).map(entry)
        }
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return wanted.compactMap { byID[$0] }
    }

    private static func companyEntry(_ row: Row) -> DirectoryEntry {
        let plan: String? = row[2]
        return DirectoryEntry(id: row[0], label: row[1], description: plan.map { "\($0) plan" })
    }

    private static func userEntry(_ row: Row) -> DirectoryEntry {
        DirectoryEntry(id: row[0], label: row[1], description: row[2])
    }

    private static func fetchSegment(id: String, in db: Database) throws -> SegmentRecord? {
        try SegmentRecord.fetchOne(
            db.cachedStatement(sql: "SELECT \(SegmentRecord.columns) FROM segments WHERE id = ?"), arguments: [id])
    }

    /// Associates a segment with every feature flag whose directory entry names it.
    private static func attachDeclaredFlags(toSegment id: String, named name: String, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO feature_flag_segments (flag_key, segment_id)
                SELECT flag_key, ? FROM feature_flag_segment_names WHERE segment_name = ?
                """,
            arguments: [id, name])
    }

    /// Runs `body`, turning a violation of the unique index on segment names into
    /// `DuplicateSegmentName`.
    private static func reportingDuplicateName<T>(
        _ name: String, _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw DuplicateSegmentName(name: name)
        }
    }
}
