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

    /// Whether `host` is this machine.
    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return h == "localhost" || h.hasSuffix(".localhost") || h == "::1" || h.hasPrefix("127.")
    }
}
