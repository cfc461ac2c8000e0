import Logging
import SegmentsCore

/// The client for a repository's API settings: the one place that maps a target's `api:`
/// case to its client and reads its credentials from the environment (never printing them).
public enum RemoteConnection {
    /// Connects to `api` at `url` (the trusted choice between `api.url`, `SEGCTL_API_URL` and
    /// `--api-url`); throws a configuration error naming what is missing.
    public static func connect(
        _ api: RepositoryConfig.API, url: String, environment: [String: String], retry: RetryPolicy,
        allowInsecureHTTP: Bool, logger: Logger
    ) throws(ClientError) -> any SegmentsRemote {
        let endpoint = try RemoteEndpoint(url, allowInsecureHTTP: allowInsecureHTTP)
        switch api {
        case .platform(let settings):
            guard let token = Secret.fromEnvironment(settings.tokenEnv, environment: environment) else {
                throw ClientError(.configuration, "\(settings.tokenEnv) is not set: export the platform API's bearer token in it (api.tokenEnv in segctl.yaml names the variable)")
            }
            return PlatformSegmentsClient(endpoint: endpoint, token: token, retry: retry, logger: logger)
        case .configcat(let settings):
            guard let productId = settings.productId, !productId.isEmpty else {
                throw ClientError(.configuration, "api.productId is not set in segctl.yaml: the ConfigCat target needs the product whose segments it manages")
            }
            guard let user = Secret.fromEnvironment(settings.userEnv, environment: environment) else {
                throw ClientError(.configuration, "\(settings.userEnv) is not set: export the ConfigCat Public API user name in it (api.userEnv)")
            }
            guard let password = Secret.fromEnvironment(settings.passwordEnv, environment: environment) else {
                throw ClientError(.configuration, "\(settings.passwordEnv) is not set: export the ConfigCat Public API password in it (api.passwordEnv)")
            }
            return ConfigCatSegmentsClient(endpoint: endpoint, productID: productId, user: user, password: password, retry: retry, logger: logger)
        }
    }
}
