/// Choices that shape how a plan is shown, shared by every plan format.
public struct PlanRenderOptions: Sendable {
    /// The default `memberLimit` of the text format: past it a list is summarised.
    public static let defaultMemberLimit = 100

    /// ANSI colour (text format on a terminal only).
    public var colored: Bool
    /// Counts instead of member IDs, for public pull-request comments.
    public var redactMembers: Bool
    /// The text format lists at most this many added and removed IDs per list, then a count;
    /// nil lists them all (`--show-all-members`).
    public var memberLimit: Int?

    /// Creates options.
    public init(colored: Bool = false, redactMembers: Bool = false, memberLimit: Int? = PlanRenderOptions.defaultMemberLimit) {
        self.colored = colored
        self.redactMembers = redactMembers
        self.memberLimit = memberLimit
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
