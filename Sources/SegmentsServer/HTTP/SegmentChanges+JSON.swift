extension SegmentChanges {
    /// The body members a client may send.
    static let fields: Set<String> = ["name", "description", "isActive", "userIds", "companyIds"]
    /// Members of a served segment that a client may not set.
    static let readOnlyFields: Set<String> = ["id", "createdAt", "updatedAt"]

    /// Validates a create or update body; every problem names its field.
    init(_ body: JSONObject) throws(APIError) {
        try body.requireOnly(Self.fields, readOnly: Self.readOnlyFields)
        let name = try body.string("name")
        if let name {
            if name.isEmpty {
                throw .badRequest("'name' must not be empty", field: "name")
            }
            try Self.refuseNUL(in: name, field: "name")
            let length = name.unicodeScalars.count
            if length > Self.maxNameLength {
                throw .badRequest(
                    "'name' is \(length) characters long; the limit is \(Self.maxNameLength)", field: "name")
            }
        }
        let description = try body.nullableString("description")
        if case .some(.some(let text)) = description {
            try Self.refuseNUL(in: text, field: "description")
            let length = text.unicodeScalars.count
            if length > Self.maxDescriptionLength {
                throw .badRequest(
                    "'description' is \(length) characters long; the limit is \(Self.maxDescriptionLength)",
                    field: "description")
            }
        }
        self.init(
            name: name,
            description: description,
            isActive: try body.bool("isActive"),
            userIds: try Self.memberList("userIds", in: body),
            companyIds: try Self.memberList("companyIds", in: body))
    }

    /// SQLite returns text only up to its first NUL, so a name or description holding one would
    /// come back cut short (and two names differing after it would look alike). Member IDs are
    /// stored as JSON, escaped, and keep theirs.
    private static func refuseNUL(in text: String, field: String) throws(APIError) {
        if text.utf8.contains(0) {
            throw .badRequest("'\(field)' must not contain the NUL character (\\u0000)", field: field)
        }
    }

    private static func memberList(_ key: String, in body: JSONObject) throws(APIError) -> MemberList? {
        guard let ids = try body.strings(key) else { return nil }
        if let index = ids.firstIndex(where: \.isEmpty) {
            throw .badRequest("'\(key)[\(index)]' must not be an empty string", field: key)
        }
        return MemberList(ids)
    }
}
