import Hummingbird

/// Admits only requests bearing the token of a Super Admin: 401 without a known token,
/// 403 for anyone else's. The token itself is never logged or echoed.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let credentials: CredentialRegistry

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthorized("authentication required: send 'Authorization: Bearer <token>'")
        }
        guard let token = Self.bearerToken(in: header) else {
            throw APIError.unauthorized("the Authorization header must have the form 'Bearer <token>'")
        }
        guard let credential = credentials.credential(for: token) else {
            throw APIError.unauthorized("the bearer token is not valid")
        }
        guard credential.isSuperAdmin else {
            throw APIError.forbidden
        }
        return try await next(request, context)
    }

    /// The token of a `Bearer <token>` header (scheme matched without regard to case).
    private static func bearerToken(in header: String) -> String? {
        let scheme = "bearer "
        guard header.count > scheme.count, header.prefix(scheme.count).lowercased() == scheme else { return nil }
        let token = header.dropFirst(scheme.count).drop { $0 == " " }
        return token.isEmpty ? nil : String(token)
    }
}
