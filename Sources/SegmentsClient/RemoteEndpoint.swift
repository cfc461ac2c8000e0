import Foundation

/// Where a remote API lives, checked before any credential is sent there.
public struct RemoteEndpoint: Sendable {
    /// The base URL, without a trailing slash.
    public let baseURL: String

    /// Checks `url`: http or https with a host; plain http only to loopback unless
    /// `allowInsecureHTTP`, since the request carries a credential.
    public init(_ url: String, allowInsecureHTTP: Bool) throws(ClientError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
            throw ClientError(.configuration, "api.url '\(url)' is not an http:// or https:// URL")
        }
        if scheme == "http", !Self.isLoopback(host), !allowInsecureHTTP {
            throw ClientError(
                .configuration,
                "refusing to send credentials over plain http to \(host); use https, or pass --allow-insecure-http if this network is trusted")
        }
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        baseURL = trimmed
    }

    /// Whether `host` is this machine: `localhost`, an address in 127.0.0.0/8, or ::1.
    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h.hasSuffix(".localhost") || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let octets = h.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        let values = octets.compactMap { $0.allSatisfy({ $0.isASCII && $0.isNumber }) && $0.count <= 3 ? Int($0) : nil }
        return values.count == 4 && values.allSatisfy { $0 <= 255 } && values[0] == 127
    }
}
