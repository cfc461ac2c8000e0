extension RepositoryConfig {
    /// `api:`: where the remote API is and which environment variables hold its credentials.
    /// Credentials are named, never stored. One case per target.
    public enum API: Sendable {
        /// The platform Segments API, authenticated with a bearer token.
        case platform(PlatformAPI)
        /// ConfigCat's Public Management API, one product, authenticated with HTTP Basic.
        case configcat(ConfigCatAPI)

        /// The API's base URL (`api.url`).
        public var url: String {
            get {
                switch self {
                case .platform(let api): api.url
                case .configcat(let api): api.url
                }
            }
            set {
                switch self {
                case .platform(var api): api.url = newValue; self = .platform(api)
                case .configcat(var api): api.url = newValue; self = .configcat(api)
                }
            }
        }
    }

    /// The platform API's settings.
    public struct PlatformAPI: Sendable {
        /// `api.url`.
        public var url: String
        /// `api.tokenEnv`: the environment variable holding the bearer token.
        public var tokenEnv: String

        /// Creates settings.
        public init(url: String, tokenEnv: String) {
            self.url = url
            self.tokenEnv = tokenEnv
        }
    }

    /// ConfigCat's settings.
    public struct ConfigCatAPI: Sendable {
        /// `api.url`.
        public var url: String
        /// `api.productId`: the product whose segments are managed.
        public var productId: String?
        /// `api.userEnv`: the environment variable holding the Basic auth user name.
        public var userEnv: String
        /// `api.passwordEnv`: the environment variable holding the Basic auth password.
        public var passwordEnv: String

        /// Creates settings.
        public init(url: String, productId: String?, userEnv: String, passwordEnv: String) {
            self.url = url
            self.productId = productId
            self.userEnv = userEnv
            self.passwordEnv = passwordEnv
        }
    }
}
