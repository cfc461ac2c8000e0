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

        /// The ID in a create response read by `JSONScanner`, or nil when the scanner cannot
        /// read it; then JSONDecoder decides, as before. The scanner is the stricter of the two,
        /// so where it reads an ID, JSONDecoder reads the same one, at a fraction of the cost
        /// (one response per create: 100,000 at scale).
        static func scannedID(_ bytes: UnsafeRawBufferPointer) -> String? {
            var scanner = JSONScanner(bytes)
            var id: String?
            var seenName = false
            do {
                try scanner.expect(UInt8(ascii: "{"), "an object")
                if !scanner.consume(UInt8(ascii: "}")) {
                    repeat {
                        let key = try scanner.readString()
                        try scanner.expect(UInt8(ascii: ":"), "':'")
                        switch key {
                        case "id" where id == nil: id = try scanner.readString()
                        case "name" where !seenName:
                            seenName = true
                            if try !scanner.consumeNull() { _ = try scanner.readString() }
                        default: try scanner.skipValue(depth: 1)
                        }
                    } while scanner.consume(UInt8(ascii: ","))
                    try scanner.expect(UInt8(ascii: "}"), "',' or '}'")
                }
                try scanner.expectEnd()
            } catch {
                return nil
            }
            return id
        }
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
        func include(_ key: String) -> Bool { keys?.contains(key) ?? true }
        let lists = ["userIds", "companyIds"].filter(include).map { ($0, state[$0].listItems ?? []) }
        // About 20 bytes an ID, so the buffer rarely grows.
        let capacity = 128 + state.name.utf8.count + lists.reduce(0) { $0 + $1.1.count * 20 }
        return JSONBodyWriter.object(capacity: capacity) { json in
            if include("name") {
                json.key("name")
                json.string(state.name)
            }
            if include("description") {
                json.key("description")
                if case .string(let text) = state["description"] { json.string(text) } else { json.null() }
            }
            for (key, items) in lists {
                json.key(key)
                json.strings(items)
            }
            if include("isActive") {
                json.key("isActive")
                if case .bool(let flag) = state["isActive"] { json.bool(flag) } else { json.bool(true) }
            }
        }
    }
}
