/// The plan for a terminal or a CI log: Terraform-like `+ ~ -` lines, member by member,
/// and the summary line `Plan: 2 to create, 1 to update, 0 to delete.` Every string that came
/// from a file or the server is printed with its control characters escaped.
public struct TextPlanRenderer: Sendable {
    /// Colour, redaction and the member limit.
    public var options: PlanRenderOptions

    /// Creates a renderer.
    public init(options: PlanRenderOptions) {
        self.options = options
    }

    /// The whole plan, ending with a newline.
    public func render(_ plan: Plan) -> String {
        var out = ""
        if plan.changes.isEmpty {
            let count = plan.unchanged.count
            out += "No changes: \(count) segment\(count == 1 ? "" : "s") match\(count == 1 ? "es" : "") \(count == 1 ? "its file" : "their files").\n"
        } else {
            out += "segctl will make these changes:\n"
            let shown = plan.shownMembers(perList: options.memberLimit, inAll: options.planMemberLimit, options: options)
            for (change, shown) in zip(plan.changes, shown) {
                out += "\n" + render(change, plan: plan, shown: shown)
            }
        }
        if !plan.unmanaged.isEmpty {
            out += "\nUnmanaged remote segments (no file declares them; left alone without --prune):\n"
            for segment in plan.unmanaged {
                out += "  \(safe(segment.name)) (\(safe(segment.id)))\n"
            }
        }
        if !plan.problems.isEmpty {
            out += "\n" + paint("Problems (the plan cannot be applied):", .red) + "\n"
            for problem in plan.problems {
                out += "  " + paint("error", .red) + " [\(problem.rule)] \(safe(problem.message))\n"
            }
        }
        out += "\n" + paint(plan.summaryLine, .bold) + "\n"
        return out
    }

    /// One change, listing of each member list the IDs in `shown`.
    func render(_ change: Change, plan: Plan, shown: [(added: ArraySlice<String>, removed: ArraySlice<String>)]) -> String {
        let style: ANSIStyle = change.action == .create ? .green : change.action == .update ? .yellow : .red
        var head = "  " + paint(change.action.symbol, style) + " \(change.action.rawValue) \(safe(change.name))"
        if let id = change.segmentID { head += " (\(safe(id)))" }
        if let file = change.file { head += "  " + paint(safe(file), .dim) }
        var out = head + "\n"
        if change.action == .update, let attribution = attribution(change) {
            out += "      " + paint(attribution, .dim) + "\n"
        }
        if let newName = change.newName {
            out += "      " + paint("~", .yellow) + " name: \(safe(FieldValue.quoted(change.name))) -> \(safe(FieldValue.quoted(newName)))\n"
        }
        for field in change.fields {
            switch change.action {
            case .create:
                out += "      \(field.key): \(change.display(field.after, key: field.key))\n"
            default:
                out += "      " + paint("~", .yellow) + " \(field.key): \(change.display(field.before, key: field.key)) -> \(change.display(field.after, key: field.key))\n"
            }
        }
        for (member, shown) in zip(change.members, shown) {
            let marker = change.action == .update ? paint("~", .yellow) + " " : ""
            out += "      \(marker)\(member.key): \(change.countsPhrase(member))"
            if change.isSensitive { out += " (sensitive values hidden\(Self.expiryNote(member)))" }
            out += "\n"
            guard change.showsMembers(options) else { continue }
            out += memberLines(member, plan: plan, shown: shown)
        }
        for warning in change.warnings {
            out += "      " + paint("! " + safe(warning), .yellow) + "\n"
        }
        return out
    }

    /// The IDs in `shown` (all, or, past a limit, the first of them) and a count of the rest.
    func memberLines(_ member: Change.MemberChange, plan: Plan, shown: (added: ArraySlice<String>, removed: ArraySlice<String>)) -> String {
        var out = ""
        let total = member.added.count + member.removed.count
        let (shownAdded, shownRemoved) = shown
        for id in shownAdded {
            out += "          " + paint("+ " + describe(id, member, plan), .green) + "\n"
        }
        for id in shownRemoved {
            out += "          " + paint("- " + describe(id, member, plan), .red) + "\n"
        }
        if shownAdded.count + shownRemoved.count < total {
            let hiddenAdded = member.added.count - shownAdded.count
            let hiddenRemoved = member.removed.count - shownRemoved.count
            // "more" only when some of the list was listed: past the plan's limit none is.
            let more = shownAdded.isEmpty && shownRemoved.isEmpty ? "" : "more "
            var parts: [String] = []
            if hiddenAdded > 0 { parts.append("\(hiddenAdded) \(more)added") }
            if hiddenRemoved > 0 { parts.append("\(hiddenRemoved) \(more)removed") }
            out += "          ... \(parts.joined(separator: ", ")) not shown; see them all with --show-all-members or --format json\n"
        }
        return out
    }

    /// An ID with its label and, for a removal with a reason, the reason:
    /// `user-456 (ana@example.com; expired 2026-12-31)`.
    func describe(_ id: String, _ member: Change.MemberChange, _ plan: Plan) -> String {
        let notes = [plan.label(of: id, kind: member.kind), member.reasons[id]].compactMap { $0 }.map(safe)
        return notes.isEmpty ? safe(id) : "\(safe(id)) (\(notes.joined(separator: "; ")))"
    }

    /// For a list whose values are hidden: how many items expired, and when (dates only).
    static func expiryNote(_ member: Change.MemberChange) -> String {
        guard !member.reasons.isEmpty else { return "" }
        let dates = Set(member.reasons.values).sorted().map { $0.replacing("expired ", with: "") }
        return "; \(member.reasons.count) removed on expiry: \(dates.joined(separator: ", "))"
    }

    /// `last changed remotely 2026-11-20T10:00:00Z by ana@example.com` (the e-mail redacted
    /// with the members).
    func attribution(_ change: Change) -> String? {
        guard let at = change.expectedUpdatedAt, !at.isEmpty else { return nil }
        let by = change.lastChangedBy.map { options.redactMembers ? " by (redacted)" : " by \(safe($0))" } ?? ""
        return "last changed remotely \(safe(at))\(by)"
    }

    func safe(_ text: String) -> String {
        UntrustedText.escaped(text)
    }

    func paint(_ text: String, _ style: ANSIStyle) -> String {
        ANSIStyle.paint(text, style, options.colored)
    }
}
