import Logging
import SegmentsCore

/// The client for a repository's API settings: the one place that maps a target's `api:`
/// case to its client and reads its credentials from the environment (never printing them).
public enum RemoteConnection {
    /// Connects to `api` at `url` (the trusted choice between `api.url`, `SEGCTL_API_URL` and
    /// `--api-url`); throws a configuration error naming what is missing.
    /// `cacheDirectory` keeps what a target may cache between runs (ConfigCat's full segments);
    /// nil caches nothing.
    public static func connect(
        _ api: RepositoryConfig.API, url: String, environment: [String: String], settings: ClientSettings,
        cacheDirectory: String?, allowInsecureHTTP: Bool, logger: Logger
    ) throws(ClientError) -> any SegmentsRemote {
        let endpoint = try RemoteEndpoint(url, allowInsecureHTTP: allowInsecureHTTP)
        switch api {
        case .platform(let api):
            guard let token = Secret.fromEnvironment(api.tokenEnv, environment: environment) else {
                throw ClientError(.configuration, "\(api.tokenEnv) is not set: export the platform API's bearer token in it (api.tokenEnv in segctl.yaml names the variable)")
            }
            return PlatformSegmentsClient(endpoint: endpoint, token: token, settings: settings, logger: logger)
        case .configcat(let api):
            guard let productId = api.productId, !productId.isEmpty else {
                throw ClientError(.configuration, "api.productId is not set in segctl.yaml: the ConfigCat target needs the product whose segments it manages")
            }
            guard let user = Secret.fromEnvironment(api.userEnv, environment: environment) else {
                throw ClientError(.configuration, "\(api.userEnv) is not set: export the ConfigCat Public API user name in it (api.userEnv)")
            }
            guard let password = Secret.fromEnvironment(api.passwordEnv, environment: environment) else {
                throw ClientError(.configuration, "\(api.passwordEnv) is not set: export the ConfigCat Public API password in it (api.passwordEnv)")
            }
            return ConfigCatSegmentsClient(endpoint: endpoint, productID: productId, user: user, password: password, settings: settings, cacheDirectory: cacheDirectory, logger: logger)
        }
    }
}
