/// What apply prints: one line per finished change and the closing summary.
public enum ApplyReportRenderer {
    /// `+ created beta-testers`, `x failed to update vips: ...`.
    public static func line(_ outcome: PlanExecutor.Outcome) -> String {
        let change = outcome.change
        let name = UntrustedText.escaped(change.newName.map { "\(change.name) -> \($0)" } ?? change.name)
        switch outcome.result {
        case .done(let detail):
            let verb = change.action == .create ? "created" : change.action == .update ? "updated" : "deleted"
            return "\(change.action.symbol) \(verb) \(name)\(detail.map { " (\(UntrustedText.escaped($0)))" } ?? "")\n"
        case .failed(let message):
            return "x failed to \(change.action.rawValue) \(name): \(UntrustedText.escaped(message))\n"
        case .conflict(let message):
            return "! conflict: \(name) \(UntrustedText.escaped(message))\n"
        case .skipped(let message):
            return "  skipped \(change.action.rawValue) of \(name): \(UntrustedText.escaped(message))\n"
        }
    }

    /// `Apply complete: 1 created, 2 updated, 0 deleted.`, or what remains to do.
    public static func summary(_ report: PlanExecutor.Report) -> String {
        let done = report.outcomes.filter { $0.result.succeeded }
        var text = "\(done.count { $0.change.action == .create }) created, \(done.count { $0.change.action == .update }) updated, \(done.count { $0.change.action == .delete }) deleted"
        if report.succeeded { return "\nApply complete: \(text).\n" }
        let failed = report.count { if case .failed = $0 { true } else { false } }
        let conflicts = report.count { if case .conflict = $0 { true } else { false } }
        let skipped = report.count { if case .skipped = $0 { true } else { false } }
        text += "; \(failed) failed, \(conflicts) conflict\(conflicts == 1 ? "" : "s"), \(skipped) skipped"
        return "\nApply incomplete: \(text). Run 'segctl plan' to see what remains; apply again to converge.\n"
    }
}
