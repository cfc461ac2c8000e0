/// The plan as a pull-request comment: a summary table, one collapsible block per segment,
/// long member lists folded, and the whole kept under GitHub's comment limit.
public struct MarkdownPlanRenderer: Sendable {
    /// GitHub rejects comments over 65,536 characters; stay below with room for a wrapper.
    public static let characterBudget = 65_000
    /// Redaction (colour does not apply).
    public var options: PlanRenderOptions
    /// Members listed per list before folding, unless told otherwise.
    public static let defaultMembersShown = 100
    /// Members listed per list before folding; lowered automatically to fit the budget.
    public var membersShown: Int

    /// Creates a renderer.
    public init(options: PlanRenderOptions, membersShown: Int = MarkdownPlanRenderer.defaultMembersShown) {
        self.options = options
        self.membersShown = membersShown
    }

    /// The comment, ending with a newline; folded further and further until it fits.
    public func render(_ plan: Plan) -> String {
        for limit in [membersShown, 20, 5, 0] where limit <= membersShown {
            let text = compose(plan, membersShown: limit, details: true, upTo: Self.characterBudget)
            if !text.isOver { return text.text }
        }
        let withoutDetails = compose(plan, membersShown: 0, details: false, upTo: Self.characterBudget)
        if !withoutDetails.isOver { return withoutDetails.text }
        let note = "\n_The table is cut short to stay under GitHub's comment limit; run `segctl plan` for the full plan._\n"
        var cut = String(withoutDetails.text.prefix(Self.characterBudget - note.count))
        if let lastNewline = cut.lastIndex(of: "\n") { cut = String(cut[...lastNewline]) }
        return cut + note
    }

    /// The comment listing `membersShown` IDs per list, with or without the per-segment
    /// blocks; composed only until it is longer than `limit` characters, so a plan of 100,000
    /// changes costs what a comment can hold, not what the plan holds.
    func compose(_ plan: Plan, membersShown: Int, details: Bool, upTo limit: Int = .max) -> BoundedText {
        var out = BoundedText(limit: limit)
        out += "### segctl plan\n\n**\(plan.summaryLine)**"
        if !plan.unchanged.isEmpty { out += " \(plan.unchanged.count) unchanged." }
        out += "\n\n"
        if !plan.problems.isEmpty {
            out += "> [!CAUTION]\n> **This plan cannot be applied:**\n"
            for problem in plan.problems {
                out += "> - `\(problem.rule)`: \(Self.escape(problem.message))\n"
            }
            out += "\n"
        }
        if plan.changes.isEmpty {
            out += "No changes: the remote segments match the files.\n"
        } else {
            out += "| | Segment | Change |\n|---|---|---|\n"
            for change in plan.changes where !out.isOver {
                let what = change.summaryPhrase.isEmpty ? change.action.rawValue : "\(change.action.rawValue): \(change.summaryPhrase)"
                out += "| `\(change.action.symbol)` | \(Self.code(change.finalName)) | \(Self.escape(what)) |\n"
            }
            out += "\n"
        }
        let warnings = plan.changes.lazy.flatMap { change in change.warnings.map { (change, $0) } }
        if !warnings.isEmpty {
            out += "> [!WARNING]\n"
            for (change, warning) in warnings where !out.isOver {
                out += "> - \(Self.code(change.finalName)): \(Self.escape(warning))\n"
            }
            out += "\n"
        }
        if details {
            for change in plan.changes where !out.isOver {
                out += block(change, plan: plan, membersShown: membersShown)
            }
        }
        if !plan.unmanaged.isEmpty {
            out += "<details><summary>\(plan.unmanaged.count) unmanaged remote segment\(plan.unmanaged.count == 1 ? "" : "s") (left alone without prune)</summary>\n\n"
            for segment in plan.unmanaged where !out.isOver {
                out += "- \(Self.code(segment.name)) (`\(segment.id)`)\n"
            }
            out += "\n</details>\n\n"
        }
        let folded = !details || plan.changes.contains { change in
            change.showsMembers(options) && change.members.contains { $0.added.count + $0.removed.count > membersShown }
        }
        if folded {
            out += "_Member lists are folded to keep this comment under GitHub's size limit; run `segctl plan` for every member._\n"
        }
        return out
    }

    /// Text that stops growing once it is longer than `limit` characters. Its count is the
    /// sum of its pieces' counts: every piece starts with a character (`|`, `<`, `#`, a
    /// newline...) before which a character always begins, so no piece joins the previous
    /// one's last character.
    struct BoundedText {
        let limit: Int
        private(set) var text = ""
        private(set) var count = 0

        init(limit: Int) {
            self.limit = limit
        }

        /// Whether it grew past `limit` (and stopped).
        var isOver: Bool { count > limit }

        static func += (bounded: inout BoundedText, piece: String) {
            guard !bounded.isOver else { return }
            bounded.text += piece
            bounded.count += piece.count
        }
    }

    func block(_ change: Change, plan: Plan, membersShown: Int) -> String {
        let location = change.file.map { ", \(Self.escapeHTML($0))" } ?? ""
        var out = "<details><summary><code>\(change.action.symbol) \(Self.escapeHTML(change.finalName))</code> (\(change.action.rawValue)\(location))</summary>\n\n```diff\n"
        if change.action == .update, let attribution = TextPlanRenderer(options: options).attribution(change) {
            out += "# \(Self.fence(attribution))\n"
        }
        if let newName = change.newName {
            out += "- name: \(Self.fence(FieldValue.quoted(change.name)))\n+ name: \(Self.fence(FieldValue.quoted(newName)))\n"
        }
        for field in change.fields {
            if change.action == .update {
                out += "- \(field.key): \(change.display(field.before, key: field.key))\n"
            }
            out += "+ \(field.key): \(change.display(field.after, key: field.key))\n"
        }
        for member in change.members {
            out += "# \(member.key): \(change.countsPhrase(member))\(change.isSensitive ? " (sensitive values hidden\(TextPlanRenderer.expiryNote(member)))" : "")\n"
            guard change.showsMembers(options) else { continue }
            let lines = member.added.map { ("+", $0) } + member.removed.map { ("-", $0) }
            for (sign, id) in lines.prefix(membersShown) {
                let notes = [plan.label(of: id, kind: member.kind), sign == "-" ? member.reasons[id] : nil].compactMap { $0 }
                let label = notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"
                out += "\(sign) \(Self.fence(id))\(Self.fence(label))\n"
            }
            if lines.count > membersShown {
                out += "# ... \(lines.count - membersShown) more not shown\n"
            }
        }
        if change.action == .delete {
            out += "- segment \(Self.fence(FieldValue.quoted(change.name)))\n"
        }
        return out + "```\n\n</details>\n\n"
    }

    /// Text inside a fenced block cannot close the fence.
    static func fence(_ text: String) -> String {
        UntrustedText.escaped(text.replacingAll(["`": "'", "\n": " "]))
    }

    /// Inline code that survives backticks and table pipes in names.
    static func code(_ text: String) -> String {
        "`" + UntrustedText.escaped(text.replacingAll(["`": "'", "|": "\\|", "\n": " "])) + "`"
    }

    /// Markdown table-safe prose.
    static func escape(_ text: String) -> String {
        UntrustedText.escaped(text.replacingAll(["|": "\\|", "\n": " ", "<": "&lt;", ">": "&gt;"]))
    }

    static func escapeHTML(_ text: String) -> String {
        UntrustedText.escaped(text.replacingAll(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"]))
    }
}
