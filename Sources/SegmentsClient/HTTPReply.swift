import Foundation
import NIOHTTP1

/// A response, fully read.
struct HTTPReply: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var isSuccess: Bool { (200..<300).contains(status) }

    /// The body decoded as JSON, or an error that says what came instead (the body's first
    /// characters pass through `redact` first).
    func decode<T: Decodable>(_ type: T.Type, _ what: String, redact: (String) -> String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            let contentType = headers.first(name: "Content-Type") ?? "no content type"
            let kind = contentType.contains("json") ? "an unexpected JSON shape" : "a non-JSON body (\(contentType))"
            throw ClientError(.badResponse, "\(what): HTTP \(status) with \(kind): \(redact(snippet))", status: status)
        }
    }

    /// The first characters of the body, on one line, quoted.
    var snippet: String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        if text.isEmpty { return "(empty body)" }
        return body.count > 200 ? "\"\(text)...\"" : "\"\(text)\""
    }

    /// `id` as one path segment.
    static func pathSegment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
    }
}
