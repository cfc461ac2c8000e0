import Hummingbird

/// The helper endpoints behind the UI's multi-selects: search and resolve users and companies.
struct DirectoryController<Context: RequestContext>: Sendable {
    /// The most IDs one resolve call may ask for.
    static var maxResolveIDs: Int { 1000 }

    let store: SegmentStore
    let bodyReader: JSONBodyReader

    /// The routes, relative to the segments base path. They must be registered before the
    /// segment routes so that `search-users` is never taken for a segment ID.
    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("search-companies", use: searchCompanies)
            .rejectingOtherMethods(on: "search-companies", allowed: [.get])
        routes.get("search-users", use: searchUsers)
            .rejectingOtherMethods(on: "search-users", allowed: [.get])
        routes.post("resolve-companies", use: resolveCompanies)
            .rejectingOtherMethods(on: "resolve-companies", allowed: [.post])
        routes.post("resolve-users", use: resolveUsers)
            .rejectingOtherMethods(on: "resolve-users", allowed: [.post])
        return routes
    }

    /// `GET /search-companies?q=&limit=`: companies whose name or ID contains `q`.
    @Sendable func searchCompanies(_ request: Request, context: Context) async throws -> Response {
        let query = try SearchQuery(request)
        return .json(Self.entries(try await store.searchCompanies(matching: query.text, limit: query.limit)))
    }

    /// `GET /search-users?q=&limit=`: users whose email, name or ID contains `q`.
    @Sendable func searchUsers(_ request: Request, context: Context) async throws -> Response {
        let query = try SearchQuery(request)
        return .json(Self.entries(try await store.searchUsers(matching: query.text, limit: query.limit)))
    }

    /// `POST /resolve-companies {"ids": [...]}`: the known companies, in the order asked.
    @Sendable func resolveCompanies(_ request: Request, context: Context) async throws -> Response {
        .json(Self.entries(try await store.resolveCompanies(try await requestedIDs(request))))
    }

    /// `POST /resolve-users {"ids": [...]}`: the known users, in the order asked.
    @Sendable func resolveUsers(_ request: Request, context: Context) async throws -> Response {
        .json(Self.entries(try await store.resolveUsers(try await requestedIDs(request))))
    }

    private func requestedIDs(_ request: Request) async throws -> [String] {
        let body = try await bodyReader.object(of: request)
        try body.requireOnly(["ids"])
        guard let ids = try body.strings("ids") else {
            throw APIError.badRequest("'ids' is required: an array of strings", field: "ids")
        }
        guard ids.count <= Self.maxResolveIDs else {
            throw APIError.badRequest(
                "'ids' lists \(ids.count) IDs; at most \(Self.maxResolveIDs) can be resolved per call", field: "ids")
        }
        return ids
    }

    private static func entries(_ entries: [DirectoryEntry]) -> JSONWriter {
        var json = JSONWriter(capacity: entries.count * 96 + 2)
        json.array { array in
            for entry in entries { array.entry(entry) }
        }
        return json
    }
}
