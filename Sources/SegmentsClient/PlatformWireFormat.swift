import SegmentsCore

/// The platform Segments API's JSON shapes, as the seed documents them.
enum PlatformWireFormat {
    /// A segment object (list, get and update responses).
    struct Segment: Decodable {
        var id: String
        var name: String
        var description: String?
        var isActive: Bool?
        var userIds: [String]?
        var companyIds: [String]?
        var updatedAt: String?

        var remote: RemoteSegment {
            RemoteSegment(id: id, updatedAt: updatedAt ?? "", state: SegmentState(name: name, fields: [
                "description": description.map(FieldValue.string) ?? .null,
                "isActive": .bool(isActive ?? true),
                "userIds": .list(userIds ?? []),
                "companyIds": .list(companyIds ?? []),
            ]))
        }
    }

    /// The create response.
    struct Created: Decodable {
        var id: String
        var name: String?
    }

    /// A search or resolve result.
    struct Option: Decodable {
        var id: String
        var label: String?
        var description: String?
    }

    /// An error body: `{"error": {"message": ..., "field": ...}}`.
    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            var message: String?
            var field: String?
        }

        var error: Detail?
    }

    /// The request body for create (every field) or update (only `keys`).
    static func body(_ state: SegmentState, keys: Set<String>?) -> [UInt8] {
        var pairs: [(String, JSONValue)] = []
        func include(_ key: String) -> Bool { keys?.contains(key) ?? true }
        if include("name") { pairs.append(("name", .string(state.name))) }
        if include("description") {
            if case .string(let text) = state["description"] { pairs.append(("description", .string(text))) } else { pairs.append(("description", .null)) }
        }
        for key in ["userIds", "companyIds"] where include(key) {
            pairs.append((key, .strings(state[key].listItems ?? [])))
        }
        if include("isActive") {
            if case .bool(let flag) = state["isActive"] { pairs.append(("isActive", .bool(flag))) } else { pairs.append(("isActive", .bool(true))) }
        }
        return Array(JSONValue.object(pairs).serialized(pretty: false).utf8)
    }
}
