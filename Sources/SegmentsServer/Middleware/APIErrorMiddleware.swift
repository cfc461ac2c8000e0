import Hummingbird

/// Gives every failure the API's error shape: Hummingbird's own errors (such as 404 for an
/// unknown route) are restated as `APIError`, anything else becomes a 500 whose details go to
/// the log and not to the client.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as any HTTPResponseError {
            if error.status == .notFound {
                throw APIError.routeNotFound(request.uri.path)
            }
            throw APIError(status: error.status, message: error.status.reasonPhrase)
        } catch {
            context.logger.error("\(request.method.rawValue) \(request.uri.path) failed: \(String(reflecting: error))")
            throw APIError.internalError
        }
    }
}
