/// The repository's `segctl.yaml`: where segment files live, which API they target, and the
/// formats and limits they are checked against. Every key is optional.
public struct RepositoryConfig: Sendable {
    /// The name of the configuration file, looked up in the working directory.
    public static let fileName = "segctl.yaml"

    /// `idFormats:`: whole-string patterns for IDs.
    public struct IDFormats: Sendable {
        /// `idFormats.user`.
        public var user: IDPattern
        /// `idFormats.company`.
        public var company: IDPattern
        /// `idFormats.segment`: the format of a pinned `id`.
        public var segment: IDPattern

        /// The pattern for members of `kind`.
        public func pattern(for kind: SegmentSchema.MemberKind) -> IDPattern {
            switch kind {
            case .user: user
            case .company: company
            }
        }
    }

    /// `limits:`: the subscription plan's caps (ConfigCat).
    public struct Limits: Sendable {
        /// `limits.listItems`: items in one comparison value list.
        public var listItems: Int
        /// `limits.segments`: segments per product.
        public var segments: Int
    }

    /// `output:`: what segctl may print.
    public struct Output: Sendable {
        /// `output.redactMembers`: print counts instead of member IDs and labels, everywhere.
        public var redactMembers: Bool
    }

    /// The path of the config file relative to the working directory, or nil when none exists.
    public var file: String?
    /// `directory`: where segment files live, relative to the config file.
    public var directory: String
    /// The target `api.kind` names.
    public var target: any TargetDescriptor
    /// `api`.
    public var api: API
    /// `idFormats`.
    public var idFormats: IDFormats
    /// `nameFormat`: a whole-string pattern segment names must match.
    public var nameFormat: IDPattern?
    /// `prune`: delete remote segments that no file declares.
    public var prune: Bool
    /// `limits`.
    public var limits: Limits
    /// `protect`: names of segments that must never be deleted, even once their file is gone.
    public var protect: [String]
    /// Where each entry of `protect` is written, for messages.
    public var protectMarks: [YAMLMark]
    /// `output`.
    public var output: Output
    /// Keys of the other targets' segment files that this target's files do not have, for a
    /// pointed message when a file uses one.
    public var foreignKeys: [String: TargetKind]

    /// The configuration of a repository without `segctl.yaml` that targets `target`.
    public static func defaults(target: any TargetDescriptor, foreignKeys: [String: TargetKind] = [:]) -> RepositoryConfig {
        var settings: [String: String] = [:]
        for setting in target.settings {
            if let value = setting.defaultValue { settings[setting.key] = value }
        }
        return RepositoryConfig(
            file: nil,
            directory: "segments",
            target: target,
            api: target.api(url: target.defaultURL, settings: settings),
            idFormats: IDFormats(user: IDPattern.Compiled.user, company: IDPattern.Compiled.company, segment: target.defaultSegmentIDFormat),
            nameFormat: nil,
            prune: false,
            limits: Limits(listItems: 15_000, segments: 1_000),
            protect: [],
            protectMarks: [],
            output: Output(redactMembers: false),
            foreignKeys: foreignKeys)
    }

    /// The segment file format of the configured target.
    public var schema: SegmentSchema { target.schema }
}
