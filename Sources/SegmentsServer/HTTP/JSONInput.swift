/// A member's value in a request body, kept loose so each field's type can be checked by hand
/// and reported by name, instead of failing the whole body at the first mismatch.
///
/// Only what the API reads is kept: scalars whole, an array as its strings, a nested object as
/// the fact that it is one (no field of the API takes an object).
enum JSONInput: Sendable {
    case null
    case bool(Bool)
    case number
    case string(String)
    case array(JSONStringList)
    case object

    /// "a string", "an array", ...: what the value is, for messages about wrong types.
    var phrase: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
