extension JSONWriter {
    /// A segment in the documented key order:
    /// id, name, description, isActive, userIds, companyIds, createdAt, updatedAt.
    mutating func segment(_ segment: SegmentRecord) {
        object { json in
            json.key("id")
            json.string(segment.id)
            json.key("name")
            json.string(segment.name)
            json.key("description")
            json.string(segment.description)
            json.key("isActive")
            json.bool(segment.isActive)
            json.key("userIds")
            json.raw(segment.userIds.json)
            json.key("companyIds")
            json.raw(segment.companyIds.json)
            json.key("createdAt")
            json.timestamp(segment.createdAt)
            json.key("updatedAt")
            json.timestamp(segment.updatedAt)
        }
    }

    /// A user or company for the multi-select endpoints: id, label, description.
    mutating func entry(_ entry: DirectoryEntry) {
        object { json in
            json.key("id")
            json.string(entry.id)
            json.key("label")
            json.string(entry.label)
            json.key("description")
            json.string(entry.description)
        }
    }
}
