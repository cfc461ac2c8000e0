/// Everything segctl knows about one remote API's segments, in one place: the file format and
/// its defaults, the checks a file gets, whether names are unique, which fields are member
/// lists and which one `members` edits, what is confidential, and the `api:` settings that
/// say where the API is and which environment variables hold its credentials.
///
/// The decoder, the validator, the planner, the executor, the renderers and the CLI read a
/// target only through this description, so a new target is one descriptor and one client.
public protocol TargetDescriptor: Sendable {
    /// The value of `api.kind`, also the plan's `target`.
    var kind: TargetKind { get }
    /// The segment file format: keys, types, limits and defaults.
    var schema: SegmentSchema { get }
    /// `api.url` when `segctl.yaml` does not set it.
    var defaultURL: String { get }
    /// `idFormats.segment` when `segctl.yaml` does not set it: the format of the API's segment IDs.
    var defaultSegmentIDFormat: IDPattern { get }
    /// The target's own `api:` keys (besides `kind` and `url`), with their defaults.
    var settings: [APISetting] { get }
    /// The API settings for a base URL and the values of `settings` (defaults filled in).
    func api(url: String, settings: [String: String]) -> RepositoryConfig.API
    /// Whether the API refuses a second segment with a name already in use. Where it does,
    /// the planner orders changes so that no two segments hold one name at once, and a create
    /// that may or may not have happened can be retried safely (the retry fails instead of
    /// duplicating); where it does not, segctl never retries such a create.
    var enforcesUniqueNames: Bool { get }
    /// The checks each segment file gets.
    var segmentRules: [any SegmentRule] { get }
    /// The checks across all segment files.
    var repositoryRules: [any RepositoryRule] { get }
    /// The fields whose values are hidden when a segment is sensitive.
    var sensitiveFields: Set<String> { get }
    /// Whether the values of `state` are confidential and must never be printed.
    func isSensitive(_ state: SegmentState) -> Bool
    /// The list `segctl members` edits in `segment`: the default list, or the company list
    /// when `companies` is set; throws a sentence when there is no such list.
    func editableList(of segment: SegmentDeclaration, companies: Bool) throws(TargetRefusal) -> String
}

extension TargetDescriptor {
    /// The fields that hold member lists, with the kind of ID each holds (for formats and labels).
    public var memberLists: [(key: String, kind: SegmentSchema.MemberKind)] {
        schema.fields.compactMap { field in field.memberKind.map { (field.key, $0) } }
    }
}

/// Why a target cannot do what was asked (e.g. `--companies` on a ConfigCat segment).
public struct TargetRefusal: Error, Sendable, CustomStringConvertible {
    /// The sentence.
    public var message: String

    /// Creates a refusal.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// One key of a target's `api:` mapping in `segctl.yaml`.
public struct APISetting: Sendable {
    /// The key, e.g. `tokenEnv`.
    public var key: String
    /// The value when the key is absent; nil for a key without a default.
    public var defaultValue: String?
    /// Whether the value names an environment variable (checked, never echoed: a secret pasted
    /// here by mistake must not reach a CI log).
    public var namesEnvironmentVariable: Bool

    /// Creates a setting.
    public init(key: String, defaultValue: String?, namesEnvironmentVariable: Bool) {
        self.key = key
        self.defaultValue = defaultValue
        self.namesEnvironmentVariable = namesEnvironmentVariable
    }
}
