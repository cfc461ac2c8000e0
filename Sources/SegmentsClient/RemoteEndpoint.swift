#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SegmentsCore

/// Where a remote API lives, checked before any credential is sent there.
public struct RemoteEndpoint: Sendable {
    /// The base URL, without a trailing slash.
    public let baseURL: String

    /// Checks `url`: http or https with a host and no user info; plain http only to loopback
    /// unless `allowInsecureHTTP`, since the request carries a credential.
    public init(_ url: String, allowInsecureHTTP: Bool) throws(ClientError) {
        // Checked first, on the text: a URL with a password must not be echoed by any message,
        // nor end up in a plan file.
        guard !Self.hasUserInfo(url) else {
            throw ClientError(
                .configuration,
                "api.url must not contain a user name or password (user:password@); put credentials in the environment variable named by api.tokenEnv (or api.userEnv and api.passwordEnv for ConfigCat)")
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
            throw ClientError(.configuration, "api.url '\(UntrustedText.escaped(url))' is not an http:// or https:// URL")
        }
        if scheme == "http", !Self.isLoopback(host), !allowInsecureHTTP {
            throw ClientError(
                .configuration,
                "refusing to send credentials over plain http to \(UntrustedText.escaped(host)); use https, or pass --allow-insecure-http if this network is trusted")
        }
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        baseURL = trimmed
    }

    /// Whether the authority of `url` (between `//` and the path) has an `@`.
    static func hasUserInfo(_ url: String) -> Bool {
        guard let start = url.firstRange(of: "//") else { return false }
        return url[start.upperBound...].prefix { !"/?#".contains($0) }.contains("@")
    }

    /// Whether `host` is this machine without asking a resolver: `localhost`, a literal address
    /// in 127.0.0.0/8, or ::1 in any of its spellings. A name under `.localhost` does not count:
    /// whatever resolves it decides where it goes.
    static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" { return true }
        let brackets: Set<Character> = ["[", "]"]
        let address = String(lowered.drop(while: brackets.contains).reversed().drop(while: brackets.contains).reversed())
        return address.contains(":") ? isIPv6Loopback(address) : isIPv4Loopback(address)
    }

    /// `127.a.b.c` in dotted decimal with four parts.
    static func isIPv4Loopback(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber } && Int(part)! <= 255
        }
    }

    /// `::1` written in any form: groups of one to four hex digits, `::` at most once.
    static func isIPv6Loopback(_ text: String) -> Bool {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var values: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), group.allSatisfy(\.isHexDigit), let value = UInt16(group, radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return false }
        let values: [UInt16]
        if halves.count == 2 {
            guard head.count + tail.count <= 7 else { return false }
            values = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            values = head
        }
        return values.count == 8 && values.dropLast().allSatisfy { $0 == 0 } && values.last == 1
    }
}
