/// Choices that shape how a plan is shown, shared by every plan format.
public struct PlanRenderOptions: Sendable {
    /// The default `memberLimit` of the text format: past it a list is summarised.
    public static let defaultMemberLimit = 100

    /// The default `planMemberLimit` of the text format: past it, lists show counts only.
    public static let defaultPlanMemberLimit = 10_000

    /// ANSI colour (text format on a terminal only).
    public var colored: Bool
    /// Counts instead of member IDs, for public pull-request comments.
    public var redactMembers: Bool
    /// The text format lists at most this many added and removed IDs per list, then a count;
    /// nil lists them all (`--show-all-members`).
    public var memberLimit: Int?
    /// The text format lists at most this many IDs in the whole plan, the first lists first;
    /// later lists show their counts only, so a plan of 100,000 new segments prints 10,000 ID
    /// lines rather than 10 million. nil lists them all (`--show-all-members`).
    public var planMemberLimit: Int?

    /// Creates options.
    public init(
        colored: Bool = false, redactMembers: Bool = false, memberLimit: Int? = PlanRenderOptions.defaultMemberLimit,
        planMemberLimit: Int? = PlanRenderOptions.defaultPlanMemberLimit
    ) {
        self.colored = colored
        self.redactMembers = redactMembers
        self.memberLimit = memberLimit
        self.planMemberLimit = planMemberLimit
    }

    /// Options that list every ID (`--show-all-members`), or the defaults.
    public static func listing(allMembers: Bool, colored: Bool = false, redactMembers: Bool = false) -> PlanRenderOptions {
        allMembers
            ? PlanRenderOptions(colored: colored, redactMembers: redactMembers, memberLimit: nil, planMemberLimit: nil)
            : PlanRenderOptions(colored: colored, redactMembers: redactMembers)
    }
}

/// The output formats of `segctl plan`.
public enum PlanFormat: String, Sendable, CaseIterable {
    case text, markdown, json

    /// Renders `plan` in this format.
    public func render(_ plan: Plan, options: PlanRenderOptions) -> String {
        switch self {
        case .text: TextPlanRenderer(options: options).render(plan)
        case .markdown: MarkdownPlanRenderer(options: options).render(plan)
        case .json: JSONPlanRenderer(options: options).render(plan)
        }
    }
}

extension Plan {
    /// The IDs of each member list that a format prints when it lists at most `perList` of a
    /// list (added first, then removed) and `inAll` in the whole plan, in plan order: by
    /// change, then by member list. nil limits list everything. Lists whose IDs are not shown
    /// (redacted, sensitive) get none and use none of `inAll`.
    func shownMembers(perList: Int?, inAll: Int?, options: PlanRenderOptions) -> [[(added: ArraySlice<String>, removed: ArraySlice<String>)]] {
        var left = inAll
        return changes.map { change in
            change.members.map { member in
                guard change.showsMembers(options) else { return (member.added.prefix(0), member.removed.prefix(0)) }
                let limit = [perList, left].compactMap { $0 }.min()
                let shown = member.shown(upTo: limit)
                left = left.map { $0 - shown.added.count - shown.removed.count }
                return shown
            }
        }
    }
}

extension Change.MemberChange {
    /// The IDs listed when at most `limit` are (nil: all): the added first, then the removed.
    func shown(upTo limit: Int?) -> (added: ArraySlice<String>, removed: ArraySlice<String>) {
        let addedCount = limit.map { min($0, added.count) } ?? added.count
        let removedCount = limit.map { min($0 - addedCount, removed.count) } ?? removed.count
        return (added.prefix(addedCount), removed.prefix(removedCount))
    }
}

extension Change {
    /// Whether member IDs of this change may be printed under `options`.
    func showsMembers(_ options: PlanRenderOptions) -> Bool {
        !options.redactMembers && !isSensitive
    }

    /// A field's value as text, hidden for sensitive values, with control characters escaped.
    func display(_ value: FieldValue?, key: String) -> String {
        guard let value else { return "null" }
        if hiddenFields.contains(key) { return "(sensitive, hidden)" }
        return UntrustedText.escaped(value.displayText)
    }

    /// `+2 -1` or, for sensitive lists, a sentence that makes the hiding explicit.
    func countsPhrase(_ member: MemberChange) -> String {
        switch action {
        case .create: "\(member.countAfter) \(member.countAfter == 1 ? "item" : "items")"
        case .delete: "\(member.countBefore) \(member.countBefore == 1 ? "item" : "items")"
        case .update: "+\(member.added.count) -\(member.removed.count) (\(member.countBefore) -> \(member.countAfter))"
        }
    }
}
