import GRDB
import SegmentsCore

extension SegmentStore {
    /// Parses a directory file and loads it (see `load(_:)` for the upsert semantics).
    /// - Throws: `DirectoryFileError` locating every problem in the file.
    public func loadDirectory(_ file: SourceFile) async throws {
        try await load(DirectoryParser.parse(file))
    }

    /// Makes the stored directory equal to `directory`, in one transaction.
    ///
    /// Rows are upserted by key, so loading the same file twice (or restarting on the same
    /// database with the same file) changes nothing; rows the file no longer lists are
    /// removed, so a token taken out of the file stops working. Each flag's segment
    /// associations are recomputed from the segment names it declares.
    func load(_ directory: Directory) async throws {
        try await writer.write { db in
            for company in directory.companies {
                try db.execute(
                    sql: """
                        INSERT INTO companies (id, name, plan, folded_id, folded_name) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET name = excluded.name, plan = excluded.plan,
                        folded_id = excluded.folded_id, folded_name = excluded.folded_name
                        """,
                    arguments: [company.id, company.name, company.plan, company.id.lowercased(), company.name.lowercased()])
            }
            for user in directory.users {
                try db.execute(
                    sql: """
                        INSERT INTO users (id, email, name, company_id, role, folded_id, folded_email, folded_name)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET email = excluded.email, name = excluded.name,
                        company_id = excluded.company_id, role = excluded.role, folded_id = excluded.folded_id,
                        folded_email = excluded.folded_email, folded_name = excluded.folded_name
                        """,
                    arguments: [
                        user.id, user.email, user.name, user.companyID, user.role.rawValue,
                        user.id.lowercased(), user.email.lowercased(), user.name.lowercased(),
                    ])
            }
            try Self.prune("users", key: "id", keeping: directory.users.map(\.id), in: db)
            try Self.prune("companies", key: "id", keeping: directory.companies.map(\.id), in: db)

            let digests = directory.tokens.map { TokenDigest.of($0.token) }
            for (token, digest) in zip(directory.tokens, digests) {
                try db.execute(
                    sql: """
                        INSERT INTO api_tokens (token_sha256, user_id) VALUES (?, ?)
                        ON CONFLICT(token_sha256) DO UPDATE SET user_id = excluded.user_id
                        """,
                    arguments: [digest, token.userID])
            }
            try Self.prune("api_tokens", key: "token_sha256", keeping: digests, in: db)

            for flag in directory.featureFlags {
                try db.execute(sql: "INSERT OR IGNORE INTO feature_flags (key) VALUES (?)", arguments: [flag.key])
                try db.execute(sql: "DELETE FROM feature_flag_segment_names WHERE flag_key = ?", arguments: [flag.key])
                for name in flag.segmentNames {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO feature_flag_segment_names (flag_key, segment_name) VALUES (?, ?)",
                        arguments: [flag.key, name])
                }
                try db.execute(sql: "DELETE FROM feature_flag_segments WHERE flag_key = ?", arguments: [flag.key])
                try db.execute(
                    sql: """
                        INSERT INTO feature_flag_segments (flag_key, segment_id)
                        SELECT n.flag_key, s.id FROM feature_flag_segment_names n
                        JOIN segments s ON s.name = n.segment_name WHERE n.flag_key = ?
                        """,
                    arguments: [flag.key])
            }
            try Self.prune("feature_flags", key: "key", keeping: directory.featureFlags.map(\.key), in: db)
        }
    }

    /// Deletes the rows of `table` whose `key` is not in `keep`.
    private static func prune(_ table: String, key: String, keeping keep: [String], in db: Database) throws {
        let wanted = Set(keep)
        let stale = try String.fetchAll(db, sql: "SELECT \(key) FROM \(table)").filter { !wanted.contains($0) }
        for value in stale {
            try db.execute(sql: "DELETE FROM \(table) WHERE \(key) = ?", arguments: [value])
        }
    }
}
