/// ConfigCat's Public Management API: segments of one product that compare a user attribute
/// with a comparator and a value; names need not be unique; HTTP Basic credentials.
public struct ConfigCatTarget: TargetDescriptor {
    /// Creates the descriptor.
    public init() {}

    public var kind: TargetKind { .configcat }
    public var schema: SegmentSchema { Self.schema }
    public var defaultURL: String { "https://api.configcat.com" }
    public var defaultSegmentIDFormat: IDPattern { IDPattern.Compiled.uuid }
    public var settings: [APISetting] {
        [
            APISetting(key: "productId", defaultValue: nil, namesEnvironmentVariable: false),
            APISetting(key: "userEnv", defaultValue: "CONFIGCAT_API_USER", namesEnvironmentVariable: true),
            APISetting(key: "passwordEnv", defaultValue: "CONFIGCAT_API_PASSWORD", namesEnvironmentVariable: true),
        ]
    }

    public func api(url: String, settings: [String: String]) -> RepositoryConfig.API {
        .configcat(RepositoryConfig.ConfigCatAPI(
            url: url, productId: settings["productId"],
            userEnv: settings["userEnv"] ?? "CONFIGCAT_API_USER", passwordEnv: settings["passwordEnv"] ?? "CONFIGCAT_API_PASSWORD"))
    }

    public var enforcesUniqueNames: Bool { false }
    public var segmentRules: [any SegmentRule] {
        [NameRule(), TextLengthRule(), PinnedIDRule(), ComparisonValueRule(), DuplicateMemberRule(), ExpiryRule(), ShardRule()]
    }
    public var repositoryRules: [any RepositoryRule] { [UniqueNameRule(), UniqueIDRule(), SegmentCountRule()] }
    public var sensitiveFields: Set<String> { ["comparisonValue"] }

    /// Values of the `sensitive*` comparators are hashed by ConfigCat and never printed.
    public func isSensitive(_ state: SegmentState) -> Bool {
        comparator(of: state)?.isSensitive ?? false
    }

    public func editableList(of segment: SegmentDeclaration, companies: Bool) throws(TargetRefusal) -> String {
        if companies {
            throw TargetRefusal("--companies applies to the platform target; a ConfigCat segment's list is its comparisonValue")
        }
        if case .string(let name) = segment.state["comparator"], let comparator = Comparator(rawValue: name), !comparator.takesList {
            throw TargetRefusal("'\(segment.name)' uses \(name), which compares with one value, not a list")
        }
        return "comparisonValue"
    }

    /// The comparator a state names, when it is one of ConfigCat's.
    func comparator(of state: SegmentState) -> Comparator? {
        if case .string(let name) = state["comparator"] { return Comparator(rawValue: name) }
        return nil
    }

    /// ConfigCat's segment (`CreateSegmentModel` / `UpdateSegmentModel`).
    public static let schema = SegmentSchema(target: .configcat, fields: [
        .init(key: "description", kind: .text(minLength: 0, maxLength: 1000, nullable: true), required: false,
              defaultValue: .null, summary: "Description of the segment (at most 1000 characters)."),
        .init(key: "comparisonAttribute", kind: .text(minLength: 1, maxLength: 1000, nullable: false), required: true,
              defaultValue: .null, summary: "The user attribute the segment compares (e.g. Email, Identifier)."),
        .init(key: "comparator", kind: .text(minLength: 1, maxLength: 64, nullable: false), required: true,
              defaultValue: .null, summary: "One of ConfigCat's 18 segment comparators.",
              allowedValues: Comparator.allCases.map(\.rawValue)),
        .init(key: "comparisonValue", kind: .comparisonValue(comparatorKey: "comparator"), required: true, defaultValue: .null,
              summary: "A list for list comparators (joined with commas on the wire), one value otherwise."),
    ], shardedList: "comparisonValue")
}
