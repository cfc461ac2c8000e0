import GRDB

extension SegmentStore {
    /// The schema, as GRDB migrations; each runs once per database file.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: segments, directory, feature flags") { db in
            // Member lists are JSON arrays: always read and written whole, in the client's order.
            try db.create(table: "segments") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull().unique()
                t.column("description", .text)
                t.column("is_active", .boolean).notNull()
                t.column("user_ids", .text).notNull()
                t.column("company_ids", .text).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            // The folded_* columns hold lowercased text for case-insensitive substring search.
            try db.create(table: "companies") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("plan", .text)
                t.column("folded_id", .text).notNull()
                t.column("folded_name", .text).notNull()
            }
            try db.create(table: "users") { t in
                t.primaryKey("id", .text)
                t.column("email", .text).notNull()
                t.column("name", .text).notNull()
                t.column("company_id", .text).references("companies", onDelete: .setNull)
                t.column("role", .text).notNull()
                t.column("folded_id", .text).notNull()
                t.column("folded_email", .text).notNull()
                t.column("folded_name", .text).notNull()
            }
            try db.create(table: "api_tokens") { t in
                t.primaryKey("token_sha256", .text)
                t.column("user_id", .text).notNull().indexed().references("users", onDelete: .cascade)
            }
            try db.create(table: "feature_flags") { t in
                t.primaryKey("key", .text)
            }
            // The segment names a flag targets, as the directory declares them; resolved into
            // feature_flag_segments when loaded and whenever a segment takes such a name.
            try db.create(table: "feature_flag_segment_names") { t in
                t.column("flag_key", .text).notNull().references("feature_flags", onDelete: .cascade)
                t.column("segment_name", .text).notNull().indexed()
                t.primaryKey(["flag_key", "segment_name"])
            }
            try db.create(table: "feature_flag_segments") { t in
                t.column("flag_key", .text).notNull().references("feature_flags", onDelete: .cascade)
                t.column("segment_id", .text).notNull().indexed().references("segments", onDelete: .cascade)
                t.primaryKey(["flag_key", "segment_id"])
            }
        }
        return migrator
    }
}
