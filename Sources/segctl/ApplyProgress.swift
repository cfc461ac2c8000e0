import Foundation
import SegmentsCore

/// How apply reports progress: an updating `done/total` line on a terminal, one line per
/// finished change otherwise (CI logs), and a summary at the end.
///
/// `@unchecked Sendable` is safe: the executor calls `finished` from several tasks, and every
/// use of the output goes through `lock`; `interactive` is immutable.
final class ApplyProgress: @unchecked Sendable {
    private let interactive: Bool
    private let lock = NSLock()

    init(interactive: Bool) {
        self.interactive = interactive
    }

    func finished(_ outcome: PlanExecutor.Outcome, _ finished: Int, _ total: Int) {
        lock.withLock {
            Output.standardOutput(interactive ? "\r\u{1B}[2KApplying: \(finished)/\(total) done" : ApplyReportRenderer.line(outcome))
        }
    }

    func summary(_ report: PlanExecutor.Report) {
        if interactive {
            Output.standardOutput("\r\u{1B}[2K" + report.outcomes.map(ApplyReportRenderer.line).joined())
        }
        Output.standardOutput(ApplyReportRenderer.summary(report))
    }
}
