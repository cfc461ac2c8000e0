import Hummingbird

/// A fuzz input for segments-server, readable as text: a request line, then the body.
///
/// ```
/// PUT {id}
/// {"name": "renamed", "userIds": ["user-123"]}
/// ```
///
/// The first line is a method and a request target, separated by one space; a method that is
/// not an HTTP token is read as GET. A target without a leading `/` is relative to
/// `/api/platform/segments` (`search-users?q=jo`, `{id}`, or nothing for the list itself), and
/// `{id}` stands for the id of an existing segment. Bytes a request target cannot carry are
/// percent-encoded, so they reach the server as a client would send them. Everything after
/// the first line break is the body; without a line break there is no body.
struct ServerRequestInput {
    /// The request's method.
    var method: HTTPRequest.Method
    /// The request target, `{id}` still in it.
    var target: String
    /// The body, if any.
    var body: [UInt8]?

    /// Reads an input.
    init(_ bytes: [UInt8]) {
        let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        let line = bytes[..<lineEnd]
        body = lineEnd < bytes.endIndex ? Array(bytes[(lineEnd + 1)...]) : nil
        let space = line.firstIndex(of: UInt8(ascii: " ")) ?? line.endIndex
        method = HTTPRequest.Method(String(decoding: line[..<space], as: UTF8.self)) ?? .get
        let path = Self.encoded(line[space...].dropFirst())
        if path.hasPrefix("/") {
            target = path
        } else {
            target = ServerRequestCheck.basePath + (path.isEmpty || path.hasPrefix("?") ? "" : "/") + path
        }
    }

    /// The target with `{id}` replaced by `id`.
    func target(id: String) -> String {
        target.replacingOccurrences(of: "{id}", with: id)
    }

    /// `bytes` as request-target text: unreserved and reserved characters and `%` as they
    /// are (so malformed escapes reach the server), `{id}` kept, everything else
    /// percent-encoded.
    static func encoded(_ bytes: ArraySlice<UInt8>) -> String {
        let placeholder = Array("{id}".utf8)
        var out = ""
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index...].starts(with: placeholder) {
                out += "{id}"
                index += placeholder.count
                continue
            }
            let byte = bytes[index]
            if byte < 0x80, allowed.contains(Character(Unicode.Scalar(byte))) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
            index += 1
        }
        return out
    }

    /// Characters a request target carries as they are (RFC 3986 unreserved and reserved, and `%`).
    static let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?%")
}
