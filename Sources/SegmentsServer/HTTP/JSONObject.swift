/// A request's top-level JSON object, with typed accessors that report the offending field.
struct JSONObject: Sendable {
    /// The object's members.
    var members: [String: JSONInput]

    /// Refuses members outside `allowed`; members in `readOnly` get a message of their own.
    /// Keys are checked in sorted order so the reported field does not depend on hashing.
    func requireOnly(_ allowed: Set<String>, readOnly: Set<String> = []) throws(APIError) {
        for key in members.keys.sorted() where !allowed.contains(key) {
            if readOnly.contains(key) {
                throw .badRequest("field '\(key)' is read-only and cannot be set", field: key)
            }
            throw .badRequest("unknown field '\(key.excerpt)'", field: key.excerpt)
        }
    }

    /// A string member, nil when absent; null or another type is refused.
    func string(_ key: String) throws(APIError) -> String? {
        switch members[key] {
        case nil: return nil
        case .string(let value): return value
        case let other?: throw .badRequest("'\(key)' must be a string, not \(other.phrase)", field: key)
        }
    }

    /// A string-or-null member: nil when absent, `.some(nil)` when null.
    func nullableString(_ key: String) throws(APIError) -> String?? {
        switch members[key] {
        case nil: return nil
        case .null: return .some(nil)
        case .string(let value): return .some(value)
        case let other?: throw .badRequest("'\(key)' must be a string or null, not \(other.phrase)", field: key)
        }
    }

    /// A boolean member, nil when absent.
    func bool(_ key: String) throws(APIError) -> Bool? {
        switch members[key] {
        case nil: return nil
        case .bool(let value): return value
        case let other?: throw .badRequest("'\(key)' must be a boolean, not \(other.phrase)", field: key)
        }
    }

    /// An array-of-strings member, nil when absent.
    func strings(_ key: String) throws(APIError) -> [String]? {
        switch members[key] {
        case nil: return nil
        case .array(let list):
            if let (index, phrase) = list.firstNonString {
                throw .badRequest("'\(key)[\(index)]' must be a string, not \(phrase)", field: key)
            }
            return list.strings
        case let other?:
            throw .badRequest("'\(key)' must be an array of strings, not \(other.phrase)", field: key)
        }
    }
}
