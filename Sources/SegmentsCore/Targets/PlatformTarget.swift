/// The platform Segments API (`/api/platform/segments`), served by `segments-server`: named
/// groups of user and company IDs, unique names, a bearer token.
public struct PlatformTarget: TargetDescriptor {
    /// Creates the descriptor.
    public init() {}

    public var kind: TargetKind { .platform }
    public var schema: SegmentSchema { Self.schema }
    public var defaultURL: String { "http://127.0.0.1:8080" }
    public var defaultSegmentIDFormat: IDPattern { IDPattern.Compiled.platformSegment }
    public var settings: [APISetting] {
        [APISetting(key: "tokenEnv", defaultValue: "SEGMENTS_API_TOKEN", namesEnvironmentVariable: true)]
    }

    public func api(url: String, settings: [String: String]) -> RepositoryConfig.API {
        .platform(RepositoryConfig.PlatformAPI(url: url, tokenEnv: settings["tokenEnv"] ?? "SEGMENTS_API_TOKEN"))
    }

    public var enforcesUniqueNames: Bool { true }
    public var segmentRules: [any SegmentRule] {
        [NameRule(), TextLengthRule(), PinnedIDRule(), MemberFormatRule(), DuplicateMemberRule(), ExpiryRule()]
    }
    public var repositoryRules: [any RepositoryRule] { [UniqueNameRule(), UniqueIDRule()] }
    public var sensitiveFields: Set<String> { [] }

    public func isSensitive(_ state: SegmentState) -> Bool { false }

    public func editableList(of segment: SegmentDeclaration, companies: Bool) throws(TargetRefusal) -> String {
        companies ? "companyIds" : "userIds"
    }

    /// The platform API's segment object.
    public static let schema = SegmentSchema(target: .platform, fields: [
        .init(key: "description", kind: .text(minLength: 0, maxLength: 1000, nullable: true), required: false,
              defaultValue: .null, summary: "Human-readable description (at most 1000 characters)."),
        .init(key: "isActive", kind: .boolean, required: false, defaultValue: .bool(true),
              summary: "Whether the segment is active (default true)."),
        .init(key: "userIds", kind: .members(.user), required: false, defaultValue: .list([]),
              summary: "User IDs in the segment, taken exactly as written."),
        .init(key: "companyIds", kind: .members(.company), required: false, defaultValue: .list([]),
              summary: "Company IDs in the segment, taken exactly as written."),
    ])
}
