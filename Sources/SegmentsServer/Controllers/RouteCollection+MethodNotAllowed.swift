import Hummingbird

extension RouteCollection {
    /// The methods a path may be asked for; the ones it does not serve get a 405. OPTIONS and
    /// TRACE are among them: the API has no CORS preflight or loop-back to offer.
    private static var commonMethods: [HTTPRequest.Method] { [.get, .head, .post, .put, .patch, .delete, .options, .trace] }

    /// Answers 405 with an `Allow` header for the common methods `path` does not serve.
    /// HEAD counts as served where GET is (the router derives it).
    @discardableResult
    func rejectingOtherMethods(on path: RouterPath, allowed: [HTTPRequest.Method]) -> Self {
        for method in Self.commonMethods where !allowed.contains(method) {
            if method == .head, allowed.contains(.get) { continue }
            on(path, method: method) { request, _ -> Response in
                throw APIError.methodNotAllowed(request.method, allowed: allowed)
            }
        }
        return self
    }
}
