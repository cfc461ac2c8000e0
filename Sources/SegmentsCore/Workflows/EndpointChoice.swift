/// Where the credentials go. `api.url` comes from `segctl.yaml` in the checked-out tree, which
/// a pull request can edit; `SEGCTL_API_URL` (set by CI from a repository variable) and
/// `--api-url` are trusted. When either is given, the file's `api.url` is ignored.
public struct EndpointChoice: Sendable, Equatable {
    /// The environment variable holding the trusted API URL.
    public static let variable = "SEGCTL_API_URL"

    /// The URL requests (and credentials) go to.
    public var url: String
    /// A note for standard error when the file's `api.url` is ignored and differs.
    public var note: String?

    /// Chooses between `--api-url`, `SEGCTL_API_URL` and the configuration's URL, in that order.
    public init(flag: String?, environment: [String: String], config: RepositoryConfig) {
        let trusted: (url: String, source: String)?
        if let flag {
            trusted = (flag, "--api-url")
        } else if let value = environment[Self.variable], !value.isEmpty {
            trusted = (value, Self.variable)
        } else {
            trusted = nil
        }
        guard let trusted else {
            url = config.api.url
            note = nil
            return
        }
        url = trusted.url
        let fileURL = config.api.url
        if config.file != nil, fileURL != config.target.defaultURL, Self.origin(fileURL) != Self.origin(trusted.url) {
            note = "api.url in \(config.file ?? RepositoryConfig.fileName) (\(Self.withoutCredentials(fileURL))) is ignored: requests and credentials go only to \(Self.withoutCredentials(trusted.url)) from \(trusted.source)"
        } else {
            note = nil
        }
    }

    /// Scheme, host and port, lowercased: what decides where credentials go.
    static func origin(_ url: String) -> String {
        var text = url.lowercased()
        if let schemeEnd = text.firstRange(of: "://") {
            let rest = text[schemeEnd.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            text = String(text[..<schemeEnd.upperBound]) + authority
        }
        return text
    }

    /// `url` without a `user:password@` part, escaped for a terminal.
    static func withoutCredentials(_ url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return UntrustedText.escaped(url) }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return UntrustedText.escaped(url) }
        return UntrustedText.escaped(String(url[..<schemeEnd.upperBound]) + String(rest[rest.index(after: at)...]))
    }
}
