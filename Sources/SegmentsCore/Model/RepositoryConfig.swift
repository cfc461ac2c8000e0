/// The repository's `segctl.yaml`: where segment files live, which API they target, and the
/// formats and limits they are checked against. Every key is optional.
public struct RepositoryConfig: Sendable {
    /// `api:` — the remote the segments are reconciled with. Credentials are named, never stored.
    public struct API: Sendable {
        /// `api.kind`.
        public var kind: TargetKind
        /// `api.url`: the API's base URL.
        public var url: String
        /// `api.tokenEnv`: the environment variable that holds the platform API's bearer token.
        public var tokenEnv: String
        /// `api.productId`: the ConfigCat product whose segments are managed.
        public var productId: String?
        /// `api.userEnv`: the environment variable holding ConfigCat's Basic auth user name.
        public var userEnv: String
        /// `api.passwordEnv`: the environment variable holding ConfigCat's Basic auth password.
        public var passwordEnv: String

        /// The defaults for `kind`.
        public init(kind: TargetKind) {
            self.kind = kind
            url = Self.defaultURL(for: kind)
            tokenEnv = "SEGMENTS_API_TOKEN"
            productId = nil
            userEnv = "CONFIGCAT_API_USER"
            passwordEnv = "CONFIGCAT_API_PASSWORD"
        }

        /// The base URL used when `api.url` is not set.
        public static func defaultURL(for kind: TargetKind) -> String {
            switch kind {
            case .platform: "http://127.0.0.1:8080"
            case .configcat: "https://api.configcat.com"
            }
        }
    }

    /// `idFormats:` — whole-string regular expressions for IDs.
    public struct IDFormats: Sendable {
        /// `idFormats.user`.
        public var user: IDPattern
        /// `idFormats.company`.
        public var company: IDPattern
        /// `idFormats.segment`: the format of a pinned `id`.
        public var segment: IDPattern

        /// The pattern for members of `kind`.
        public func pattern(for kind: SegmentSchema.MemberKind) -> IDPattern {
            switch kind {
            case .user: user
            case .company: company
            }
        }
    }

    /// `limits:` — the subscription plan's caps (ConfigCat).
    public struct Limits: Sendable {
        /// `limits.listItems`: items in one comparison value list.
        public var listItems: Int
        /// `limits.segments`: segments per product.
        public var segments: Int
    }

    /// The path of the config file relative to the repository root, or nil when none exists.
    public var file: String?
    /// `directory`: where segment files live, relative to the config file.
    public var directory: String
    /// `api`.
    public var api: API
    /// `idFormats`.
    public var idFormats: IDFormats
    /// `nameFormat`: a whole-string pattern segment names must match.
    public var nameFormat: IDPattern?
    /// `prune`: delete remote segments that no file declares.
    public var prune: Bool
    /// `limits`.
    public var limits: Limits
    /// `protect`: names of segments that must never be deleted, even once their file is gone.
    public var protect: [String]
    /// Where each entry of `protect` is written, for messages.
    public var protectMarks: [YAMLMark]

    /// The configuration used when a repository has no `segctl.yaml`.
    public static func defaults(kind: TargetKind = .platform) -> RepositoryConfig {
        RepositoryConfig(
            file: nil,
            directory: "segments",
            api: API(kind: kind),
            idFormats: IDFormats(
                user: IDPattern.Compiled.user,
                company: IDPattern.Compiled.company,
                segment: kind == .platform ? IDPattern.Compiled.platformSegment : IDPattern.Compiled.uuid),
            nameFormat: nil,
            prune: false,
            limits: Limits(listItems: 15_000, segments: 1_000),
            protect: [],
            protectMarks: [])
    }

    /// The segment file format of the configured target.
    public var schema: SegmentSchema { .of(api.kind) }
}
