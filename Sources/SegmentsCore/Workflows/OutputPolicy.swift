/// What segctl may print, decided from the command line, `segctl.yaml` and the environment.
///
/// Redaction only ever adds up: a pull request can turn it on in `segctl.yaml`, but cannot turn
/// off what the trusted CI environment (`SEGCTL_REDACT_MEMBERS`) or the command line asked for.
public enum OutputPolicy {
    /// The environment variable that makes every command print counts instead of member IDs.
    public static let redactVariable = "SEGCTL_REDACT_MEMBERS"

    /// Whether member IDs and labels must stay out of the output.
    public static func redactsMembers(flag: Bool, config: RepositoryConfig, environment: [String: String]) -> Bool {
        flag || config.output.redactMembers || isSet(environment[redactVariable])
    }

    /// Whether an environment value means yes (`1`, `true`, `yes`, `on`).
    static func isSet(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }
}
