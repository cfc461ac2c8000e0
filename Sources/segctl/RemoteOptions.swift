import ArgumentParser
import SegmentsClient
import SegmentsCore

/// Options of every command that talks to the remote API.
struct RemoteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The API's base URL; overrides api.url and SEGCTL_API_URL.", valueName: "url"))
    var apiUrl: String?

    @Flag(help: "Allow plain http:// to a host that is not this machine.")
    var allowInsecureHttp = false

    @Option(help: ArgumentHelp("Seconds one request may take, response body included (0.1 to 3600).", valueName: "seconds"))
    var timeout: Double = 30

    @Option(help: ArgumentHelp("Tries of one request, the first included (retries back off with jitter).", valueName: "n"))
    var maxAttempts: Int = 5

    @Option(help: ArgumentHelp("Base delay of the retry backoff, in seconds (0 to 600).", valueName: "seconds"))
    var retryDelay: Double = 0.5

    @Flag(help: "Log every request (method, path, status, size, time) to standard error.")
    var verbose = false

    func validate() throws {
        guard timeout.isFinite, (0.1...3600).contains(timeout) else { throw ValidationError("--timeout must be a number of seconds from 0.1 to 3600") }
        guard retryDelay.isFinite, (0...600).contains(retryDelay) else { throw ValidationError("--retry-delay must be a number of seconds from 0 to 600") }
        guard (1...20).contains(maxAttempts) else { throw ValidationError("--max-attempts must be between 1 and 20") }
    }

    /// The retry policy these options describe.
    var retryPolicy: RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, baseDelay: retryDelay, maxDelay: max(retryDelay, 8), timeout: timeout)
    }

    /// Connects to the API `config` describes, at the trusted URL; credentials come from the
    /// environment variables the config names, and are never printed.
    func connect(_ config: RepositoryConfig) throws -> (remote: any SegmentsRemote, url: String) {
        let environment = Workspace.environment
        let choice = EndpointChoice(flag: apiUrl, environment: environment, config: config)
        if let note = choice.note { Output.note(note) }
        let remote = try RemoteConnection.connect(
            config.api, url: choice.url, environment: environment, retry: retryPolicy,
            allowInsecureHTTP: allowInsecureHttp, logger: ConsoleLogHandler.logger(verbose: verbose))
        return (remote, choice.url)
    }
}
