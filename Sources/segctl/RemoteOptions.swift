import ArgumentParser
import Foundation
import SegmentsClient
import SegmentsCore

/// Options of every command that talks to the remote API.
struct RemoteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The API's base URL (overrides api.url).", valueName: "url"))
    var apiUrl: String?

    @Flag(help: "Allow plain http:// to a host that is not this machine.")
    var allowInsecureHttp = false

    @Option(help: ArgumentHelp("Seconds one request may take.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(help: ArgumentHelp("Tries of one request, the first included (retries back off with jitter).", valueName: "n"))
    var maxAttempts: Int = 5

    @Option(help: ArgumentHelp("Base delay of the retry backoff, in seconds.", valueName: "seconds"))
    var retryDelay: Double = 0.5

    @Flag(help: "Log every request (method, path, status, size, time) to standard error.")
    var verbose = false

    func validate() throws {
        guard timeout.isFinite, timeout > 0 else { throw ValidationError("--timeout must be a number of seconds above 0") }
        guard retryDelay.isFinite, retryDelay >= 0 else { throw ValidationError("--retry-delay must be a number of seconds, 0 or more") }
        guard (1...20).contains(maxAttempts) else { throw ValidationError("--max-attempts must be between 1 and 20") }
    }

    /// The retry policy these options describe.
    var retryPolicy: RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, baseDelay: retryDelay, maxDelay: max(retryDelay, 8), timeout: timeout)
    }

    /// Connects to the configured API; credentials come from the environment variables the
    /// config names, and are never printed.
    func connect(_ config: RepositoryConfig) throws(ClientError) -> (remote: any SegmentsRemote, url: String) {
        let environment = ProcessInfo.processInfo.environment
        let url = apiUrl ?? config.api.url
        let endpoint = try RemoteEndpoint(url, allowInsecureHTTP: allowInsecureHttp)
        let logger = ConsoleLogHandler.logger(verbose: verbose)
        switch config.api.kind {
        case .platform:
            guard let token = Secret.fromEnvironment(config.api.tokenEnv, environment: environment) else {
                throw ClientError(.configuration, "\(config.api.tokenEnv) is not set: export the platform API's bearer token in it (api.tokenEnv in segctl.yaml names the variable)")
            }
            return (PlatformSegmentsClient(endpoint: endpoint, token: token, retry: retryPolicy, logger: logger), endpoint.baseURL)
        case .configcat:
            guard let productId = config.api.productId, !productId.isEmpty else {
                throw ClientError(.configuration, "api.productId is not set in segctl.yaml: the ConfigCat target needs the product whose segments it manages")
            }
            guard let user = Secret.fromEnvironment(config.api.userEnv, environment: environment) else {
                throw ClientError(.configuration, "\(config.api.userEnv) is not set: export the ConfigCat Public API user name in it (api.userEnv)")
            }
            guard let password = Secret.fromEnvironment(config.api.passwordEnv, environment: environment) else {
                throw ClientError(.configuration, "\(config.api.passwordEnv) is not set: export the ConfigCat Public API password in it (api.passwordEnv)")
            }
            let client = ConfigCatSegmentsClient(endpoint: endpoint, productID: productId, user: user, password: password, retry: retryPolicy, logger: logger)
            return (client, endpoint.baseURL)
        }
    }
}
