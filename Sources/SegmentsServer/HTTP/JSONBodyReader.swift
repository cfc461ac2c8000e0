import Hummingbird

/// Reads a request body of bounded size and parses it as one JSON object.
struct JSONBodyReader: Sendable {
    /// The largest body accepted, in bytes; larger bodies are refused with 413.
    var maxBytes: Int

    /// The body's top-level object, or an `APIError` saying why there is none.
    func object(of request: Request) async throws -> JSONObject {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBytes {
            throw APIError.bodyTooLarge(limit: maxBytes)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.bodyTooLarge(limit: maxBytes)
        }
        guard buffer.readableBytes > 0 else {
            throw APIError.badRequest("request body is empty; expected a JSON object")
        }
        let parsed = buffer.withUnsafeReadableBytes { bytes in
            Result { () throws(JSONBodyParser.Failure) in try JSONBodyParser.members(of: bytes) }
        }
        switch parsed {
        case .success(let members):
            return JSONObject(members: members)
        case .failure(.syntax):
            throw APIError.badRequest("request body is not valid JSON")
        case .failure(.tooDeep):
            throw APIError.badRequest(
                "request body nests arrays and objects more than \(JSONBodyParser.maxDepth) levels deep")
        case .failure(.notAnObject(let phrase)):
            throw APIError.badRequest("request body must be a JSON object, not \(phrase)")
        case .failure(.duplicateKey(let key)):
            throw APIError.badRequest("field '\(key.excerpt)' appears more than once", field: key.excerpt)
        }
    }
}
