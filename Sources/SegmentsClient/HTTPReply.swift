#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import NIOHTTP1

/// A response, read to its end.
struct HTTPReply: Sendable {
    var status: Int
    var headers: HTTPHeaders
    /// The body; for a body read by a streaming `BodyDecoder`, its first bytes only.
    var body: ByteBuffer
    /// The body's length in bytes.
    var bodyLength: Int

    var isSuccess: Bool { (200..<300).contains(status) }

    /// The body decoded as JSON, or an error that says what came instead.
    func decode<T: Decodable>(_ type: T.Type, _ what: String, redact: (String) -> String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
        } catch {
            throw badResponse(what, detail: nil, redact: redact)
        }
    }

    /// The value a `BodyDecoder` read from this reply's body, or an error that says what came
    /// instead and where the decoder stopped.
    func value<T>(of result: Result<T, JSONScanner.Failure>, _ what: String, redact: (String) -> String) throws(ClientError) -> T {
        switch result {
        case .success(let value):
            return value
        case .failure(let failure):
            throw badResponse(what, detail: "at byte \(failure.offset): \(failure.reason)", redact: redact)
        }
    }

    /// A body that is not what `what` answers: the content type and the body's first
    /// characters (through `redact`, then escaped), and `detail` for a JSON body.
    func badResponse(_ what: String, detail: String?, redact: (String) -> String) -> ClientError {
        let contentType = headers.first(name: "Content-Type") ?? "no content type"
        let kind = contentType.contains("json")
            ? "an unexpected JSON shape\(detail.map { " (\($0))" } ?? "")"
            : "a non-JSON body (\(ServerText.shown(contentType, limit: 100)))"
        return ClientError(.badResponse, "\(what): HTTP \(status) with \(kind): \(snippet(redact: redact))", status: status)
    }

    /// The body's first characters, quoted, safe to print.
    func snippet(redact: (String) -> String) -> String {
        ServerText.snippet(body, redact: redact)
    }

    /// `id` as one path segment: RFC 3986's `pchar` kept (unreserved characters, sub-delims,
    /// `:` and `@`), every other byte of its UTF-8 percent-encoded, `/` included.
    static func pathSegment(_ id: String) -> String {
        let kept = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in id.utf8 {
            if kept.contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
