/// `shards: N` splits a list across N remote segments (`Name [k/N]`), for lists larger than
/// one segment may hold. Each shard must fit the target's limits; a pinned id makes no sense
/// for N segments, which are matched by name.
public struct ShardRule: SegmentRule {
    /// The rule's identifier.
    public static let id = "shards"

    /// Creates the rule.
    public init() {}

    public func check(_ segment: SegmentDeclaration, in context: ValidationContext, into diagnostics: inout DiagnosticList) {
        guard let count = segment.shards, let key = context.config.schema.shardedList else { return }
        let location = segment.location(of: "shards")
        if segment.pinnedID != nil {
            diagnostics.append(.error(Self.id, "a sharded file cannot pin an id: its \(count) segments are found by name ('\(Sharding.name(of: segment.name, index: 0, count: count))' ...); remove the 'id' line", at: segment.location(of: "id")))
        }
        guard let items = segment.state(asOf: context.asOf)[key].listItems else {
            diagnostics.append(.error(Self.id, "shards split a list; '\(key)' of this segment is a single value", at: location))
            return
        }
        let fit = ShardRule.limits(context.config)
        let measured = Sharding.Measured(items)
        for (index, size) in measured.sizes(count: count).enumerated() {
            guard let problem = fit.problem(with: size) else { continue }
            let advice = Self.smallestCount(for: measured, fitting: fit).map { "; shards: \($0) would fit" } ?? "; even \(Sharding.maxShards) shards would not fit"
            diagnostics.append(.error(Self.id, "shard \(index + 1) of \(count) (\(Sharding.name(of: segment.name, index: index, count: count))) \(problem)\(advice)", at: location))
        }
    }

    /// The smallest number of shards in which every shard of `items` fits, if any does.
    public static func smallestCount(for items: [String], fitting limits: Limits) -> Int? {
        smallestCount(for: Sharding.Measured(items), fitting: limits)
    }

    static func smallestCount(for measured: Sharding.Measured, fitting limits: Limits) -> Int? {
        (1...Sharding.maxShards).first { count in
            measured.sizes(count: count).allSatisfy { limits.problem(with: $0) == nil }
        }
    }

    /// What one remote list may hold.
    public struct Limits: Sendable {
        /// Items at most.
        public var items: Int
        /// Characters of the items joined with commas, at most.
        public var joinedLength: Int

        /// What is wrong with a list of `size`, or nil when it fits.
        public func problem(with size: Sharding.Size) -> String? {
            if size.items > items { return "has \(size.items) items; the subscription plan allows \(items) (limits.listItems)" }
            if size.joinedLength > joinedLength { return "is \(size.joinedLength) characters joined with commas; ConfigCat allows at most \(joinedLength)" }
            return nil
        }
    }

    /// The limits of one list under `config`.
    public static func limits(_ config: RepositoryConfig) -> Limits {
        Limits(items: config.limits.listItems, joinedLength: 65_535)
    }

    /// A `shards` value that is not a whole number from 1 to 100.
    static func badCount(_ value: String, at location: SourceLocation) -> Diagnostic {
        .error(id, "'shards' must be a whole number from 1 to \(Sharding.maxShards), not '\(UnknownKeyRule.excerpt(value))'", at: location)
    }
}
