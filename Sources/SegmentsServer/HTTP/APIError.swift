import Hummingbird

/// An error the API reports to its client, always rendered as
/// `{"error": {"message": "...", "field": "name"}}` with `field` null when no field is at fault.
struct APIError: HTTPResponseError, Sendable {
    /// The response status.
    var status: HTTPResponse.Status
    /// A sentence for the client.
    var message: String
    /// The request field at fault, if any.
    var field: String?
    /// Extra response headers, such as `WWW-Authenticate` or `Allow`.
    var headers: HTTPFields = [:]

    /// 400: the request is malformed or a field is invalid.
    static func badRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(status: .badRequest, message: message, field: field)
    }

    /// 401: no usable bearer token.
    static func unauthorized(_ message: String) -> APIError {
        APIError(status: .unauthorized, message: message, headers: [.wwwAuthenticate: "Bearer"])
    }

    /// 403: a valid token of a user who may not use this API.
    static let forbidden = APIError(
        status: .forbidden, message: "this API requires a Super Admin account")

    /// 404: no segment with this ID.
    static func segmentNotFound(_ id: String) -> APIError {
        APIError(status: .notFound, message: "segment '\(id)' not found")
    }

    /// 404: no route for this path.
    static func routeNotFound(_ path: String) -> APIError {
        APIError(status: .notFound, message: "no endpoint at '\(path)'")
    }

    /// 405: the path exists but not with this method.
    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            status: .methodNotAllowed, message: "method \(method.rawValue) is not allowed here; use \(list)",
            headers: [.allow: list])
    }

    /// 409: another segment already has this name.
    static func nameTaken(_ name: String) -> APIError {
        APIError(status: .conflict, message: "a segment named '\(name)' already exists", field: "name")
    }

    /// 413: the body exceeds the configured limit.
    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, message: "request body is larger than the limit of \(limit) bytes")
    }

    /// 500: something failed that the client cannot fix; details go to the log only.
    static let internalError = APIError(status: .internalServerError, message: "internal server error")

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var writer = JSONWriter()
        writer.object { body in
            body.key("error")
            body.object { error in
                error.key("message")
                error.string(message)
                error.key("field")
                error.string(field)
            }
        }
        var response = Response.json(writer, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}
