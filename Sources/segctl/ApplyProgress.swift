import Foundation
import SegmentsCore

/// How apply reports progress: an updating `done/total` line on a terminal, one line per
/// finished change otherwise (CI logs), and a summary at the end.
///
/// `@unchecked Sendable` is safe: the executor calls `finished` from several tasks, and every
/// access to the output goes through `lock`; `interactive` is immutable.
final class ApplyProgress: @unchecked Sendable {
    private let interactive: Bool
    private let lock = NSLock()

    init(interactive: Bool) {
        self.interactive = interactive
    }

    func finished(_ outcome: PlanExecutor.Outcome, _ finished: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        if interactive {
            Output.standardOutput("\r\u{1B}[2KApplying: \(finished)/\(total) done")
        } else {
            Output.standardOutput(Self.line(outcome))
        }
    }

    func summary(_ report: PlanExecutor.Report) {
        if interactive {
            Output.standardOutput("\r\u{1B}[2K")
            for outcome in report.outcomes { Output.standardOutput(Self.line(outcome)) }
        }
        let done = report.outcomes.filter { $0.result.succeeded }
        let created = done.count { $0.change.action == .create }
        let updated = done.count { $0.change.action == .update }
        let deleted = done.count { $0.change.action == .delete }
        var text = "\(created) created, \(updated) updated, \(deleted) deleted"
        if report.succeeded {
            Output.standardOutput("\nApply complete: \(text).\n")
            return
        }
        let failed = report.count { if case .failed = $0 { return true } else { return false } }
        let conflicts = report.count { if case .conflict = $0 { return true } else { return false } }
        let skipped = report.count { if case .skipped = $0 { return true } else { return false } }
        text += "; \(failed) failed, \(conflicts) conflict\(conflicts == 1 ? "" : "s"), \(skipped) skipped"
        Output.standardOutput("\nApply incomplete: \(text). Run 'segctl plan' to see what remains; apply again to converge.\n")
    }

    static func line(_ outcome: PlanExecutor.Outcome) -> String {
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
}
