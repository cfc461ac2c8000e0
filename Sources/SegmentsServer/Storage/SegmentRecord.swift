import GRDB

/// One row of the `segments` table, as the API serves it.
struct SegmentRecord: Sendable, Equatable, FetchableRecord {
    /// The columns in the order `init(row:)` reads them.
    static let columns = "id, name, description, is_active, user_ids, company_ids, created_at, updated_at"

    var id: String
    var name: String
    var description: String?
    var isActive: Bool
    var userIds: MemberList
    var companyIds: MemberList
    var createdAt: Timestamp
    var updatedAt: Timestamp

    init(
        id: String, name: String, description: String?, isActive: Bool,
        userIds: MemberList, companyIds: MemberList, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.isActive = isActive
        self.userIds = userIds
        self.companyIds = companyIds
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: Row) throws {
        id = row[0]
        name = row[1]
        description = row[2]
        isActive = row[3]
        userIds = MemberList(storedJSON: row[4])
        companyIds = MemberList(storedJSON: row[5])
        createdAt = Timestamp(milliseconds: row[6])
        updatedAt = Timestamp(milliseconds: row[7])
    }

    /// The values for `columns`, in order.
    var arguments: StatementArguments {
        [id, name, description, isActive, userIds.json, companyIds.json, createdAt.milliseconds, updatedAt.milliseconds]
    }

    /// Applies the given fields and leaves the others alone.
    mutating func apply(_ changes: SegmentChanges) {
        if let name = changes.name { self.name = name }
        if let description = changes.description { self.description = description }
        if let isActive = changes.isActive { self.isActive = isActive }
        if let userIds = changes.userIds { self.userIds = userIds }
        if let companyIds = changes.companyIds { self.companyIds = companyIds }
    }
}
