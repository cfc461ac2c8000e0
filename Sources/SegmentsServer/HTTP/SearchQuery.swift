import Hummingbird

/// The `q` and `limit` query parameters of the search endpoints.
struct SearchQuery: Sendable {
    /// Results returned when the client gives no limit.
    static let defaultLimit = 50
    /// The most results one call returns; larger limits are lowered to this.
    static let maxLimit = 200

    /// The text to look for; empty matches everything.
    var text: String
    /// How many results to return at most.
    var limit: Int

    /// Reads the request's parameters; a limit that is not a whole number of at least 1 is refused.
    init(_ request: Request) throws(APIError) {
        let parameters = request.uri.queryParameters
        text = parameters["q"].map(String.init) ?? ""
        guard let rawLimit = parameters["limit"] else {
            limit = Self.defaultLimit
            return
        }
        guard let requested = Int(rawLimit), requested >= 1 else {
            throw .badRequest(
                "'limit' must be a whole number from 1 to \(Self.maxLimit), not '\(rawLimit)'", field: "limit")
        }
        limit = min(requested, Self.maxLimit)
    }
}
