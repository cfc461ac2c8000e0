/// The plan for a terminal or a CI log: Terraform-like `+ ~ -` lines, member by member,
/// and the summary line `Plan: 2 to create, 1 to update, 0 to delete.`
public struct TextPlanRenderer: Sendable {
    /// Colour and redaction.
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
            for change in plan.changes {
                out += "\n" + render(change, plan: plan)
            }
        }
        if !plan.unmanaged.isEmpty {
            out += "\nUnmanaged remote segments (no file declares them; left alone without --prune):\n"
            for segment in plan.unmanaged {
                out += "  \(segment.name) (\(segment.id))\n"
            }
        }
        if !plan.problems.isEmpty {
            out += "\n" + paint("Problems (the plan cannot be applied):", .red) + "\n"
            for problem in plan.problems {
                out += "  " + paint("error", .red) + " [\(problem.rule)] \(problem.message)\n"
            }
        }
        out += "\n" + paint(plan.summaryLine, .bold) + "\n"
        return out
    }

    func render(_ change: Change, plan: Plan) -> String {
        let style: Style = change.action == .create ? .green : change.action == .update ? .yellow : .red
        var head = "  " + paint(change.action.symbol, style) + " \(change.action.rawValue) \(change.name)"
        if let id = change.segmentID { head += " (\(id))" }
        if let file = change.file { head += "  " + paint(file, .dim) }
        var out = head + "\n"
        if let newName = change.newName {
            out += "      " + paint("~", .yellow) + " name: \(FieldValue.quoted(change.name)) -> \(FieldValue.quoted(newName))\n"
        }
        for field in change.fields {
            switch change.action {
            case .create:
                out += "      \(field.key): \(change.display(field.after, key: field.key))\n"
            default:
                out += "      " + paint("~", .yellow) + " \(field.key): \(change.display(field.before, key: field.key)) -> \(change.display(field.after, key: field.key))\n"
            }
        }
        for member in change.members {
            let marker = change.action == .update ? paint("~", .yellow) + " " : ""
            out += "      \(marker)\(member.key): \(change.countsPhrase(member))"
            if change.isSensitive { out += " (sensitive values hidden)" }
            out += "\n"
            guard change.showsMembers(options) else { continue }
            for id in member.added {
                out += "          " + paint("+ " + describe(id, member, plan), .green) + "\n"
            }
            for id in member.removed {
                out += "          " + paint("- " + describe(id, member, plan), .red) + "\n"
            }
        }
        for warning in change.warnings {
            out += "      " + paint("! " + warning, .yellow) + "\n"
        }
        return out
    }

    func describe(_ id: String, _ member: Change.MemberChange, _ plan: Plan) -> String {
        plan.label(of: id, kind: member.kind).map { "\(id) (\($0))" } ?? id
    }

    func paint(_ text: String, _ style: Style) -> String {
        Style.paint(text, style, options.colored)
    }
}
