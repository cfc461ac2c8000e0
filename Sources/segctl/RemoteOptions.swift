import ArgumentParser
import SegmentsClient
import SegmentsCore
import SegmentsDisk

/// Options of every command that talks to the remote API.
struct RemoteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The API's base URL; overrides api.url and SEGCTL_API_URL.", valueName: "url")) var apiUrl: String?
    @Flag(help: "Allow plain http:// to a host that is not this machine.") var allowInsecureHttp = false
    @Option(help: ArgumentHelp("Seconds one request may take, response body included (0.1 to 3600).", valueName: "seconds")) var timeout: Double = 30
    @Option(help: ArgumentHelp("Seconds to wait for a connection (0.1 to 600).", valueName: "seconds")) var connectTimeout: Double = 5
    @Option(help: ArgumentHelp("Tries of one request, the first included (1 to 20; retries back off with jitter).", valueName: "n")) var maxAttempts: Int = 5
    @Option(help: ArgumentHelp("Base delay of the retry backoff, in seconds (0 to 600).", valueName: "seconds")) var retryDelay: Double = 0.5
    @Option(help: ArgumentHelp("The largest response read, 1MiB to 64GiB (default: 512MiB).", valueName: "size"), transform: RemoteOptions.size) var maxResponseSize: Int = ClientSettings.defaultMaxResponseSize
    @Option(help: ArgumentHelp("Where to keep ConfigCat segments between runs (default: $XDG_CACHE_HOME/segctl or ~/.cache/segctl).", valueName: "dir")) var cacheDir: String?
    @Flag(help: "Keep no ConfigCat segments between runs: fetch every segment every time.") var noCache = false
    @Flag(help: "Log every request (method, path, status, size, time) to standard error.") var verbose = false

    func validate() throws {
        guard timeout.isFinite, (0.1...3600).contains(timeout) else { throw ValidationError("--timeout must be a number of seconds from 0.1 to 3600") }
        guard connectTimeout.isFinite, (0.1...600).contains(connectTimeout) else { throw ValidationError("--connect-timeout must be a number of seconds from 0.1 to 600") }
        guard retryDelay.isFinite, (0...600).contains(retryDelay) else { throw ValidationError("--retry-delay must be a number of seconds from 0 to 600") }
        guard (1...20).contains(maxAttempts) else { throw ValidationError("--max-attempts must be between 1 and 20") }
        if noCache && cacheDir != nil { throw ValidationError("give --cache-dir or --no-cache, not both") }
    }

    /// A size from 1 MiB to 64 GiB, or a usage error.
    static func size(_ text: String) throws -> Int {
        guard let bytes = ByteCount.parse(text), (1 << 20...64 << 30).contains(bytes) else {
            throw ValidationError("--max-response-size must be a size from 1MiB to 64GiB (such as 512MiB), not '\(text)'")
        }
        return bytes
    }

    /// Connects to the API `config` describes, at the trusted URL; credentials come from the
    /// environment variables the config names, and are never printed.
    func connect(_ config: RepositoryConfig) throws -> (remote: any SegmentsRemote, url: String) {
        let environment = Console.environment
        let choice = EndpointChoice(flag: apiUrl, environment: environment, config: config)
        if let note = choice.note { Console.note(note) }
        let retry = RetryPolicy(maxAttempts: maxAttempts, baseDelay: retryDelay, maxDelay: max(retryDelay, 8), timeout: timeout)
        let cache = noCache ? nil : cacheDir ?? environment["XDG_CACHE_HOME"].map { $0 + "/segctl" } ?? environment["HOME"].map { $0 + "/.cache/segctl" }
        let remote = try RemoteConnection.connect(
            config.api, url: choice.url, environment: environment,
            settings: ClientSettings(retry: retry, connectTimeout: connectTimeout, maxResponseSize: maxResponseSize),
            cacheDirectory: cache, allowInsecureHTTP: allowInsecureHttp, logger: ConsoleLogHandler.logger(verbose: verbose))
        return (remote, choice.url)
    }
}
