/// The targets segctl knows, in the order their `api:` keys are listed; the first is the
/// default when `segctl.yaml` names none.
public enum TargetCatalogue {
    /// Every target.
    public static let all: [any TargetDescriptor] = [PlatformTarget(), ConfigCatTarget()]

    /// The descriptor of `kind`.
    public static func descriptor(for kind: TargetKind) -> any TargetDescriptor {
        all.first { $0.kind == kind } ?? all[0]
    }

    /// The configuration of a repository without `segctl.yaml` that targets `kind`.
    public static func defaultConfig(for kind: TargetKind = .platform) -> RepositoryConfig {
        let target = descriptor(for: kind)
        return .defaults(target: target, foreignKeys: ConfigDecoder.foreignKeys(for: target, among: all))
    }

    /// The decoder of `segctl.yaml` for these targets.
    public static var configDecoder: ConfigDecoder { ConfigDecoder(targets: all) }
}
