#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
        let value: JSONInput
        do {
            value = try JSONDecoder().decode(JSONInput.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError.badRequest("request body is not valid JSON")
        }
        guard case .object(let members) = value else {
            throw APIError.badRequest("request body must be a JSON object, not \(value.phrase)")
        }
        return JSONObject(members: members)
    }
}
