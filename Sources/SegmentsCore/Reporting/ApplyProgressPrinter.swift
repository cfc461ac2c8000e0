import Dispatch

/// How apply reports progress: an updating `done/total` line on a terminal, one line per
/// finished change otherwise (CI logs), and a summary at the end.
///
/// `@unchecked Sendable` is safe: the executor calls `finished` from several tasks, and every
/// call of `write` goes through `lock`; the stored properties are immutable.
public final class ApplyProgressPrinter: @unchecked Sendable {
    private let interactive: Bool
    private let write: @Sendable (String) -> Void
    private let lock = DispatchSemaphore(value: 1)

    /// A printer that rewrites one line when `interactive`, and writes with `write`.
    public init(interactive: Bool, write: @escaping @Sendable (String) -> Void) {
        self.interactive = interactive
        self.write = write
    }

    /// One change finished.
    public func finished(_ outcome: PlanExecutor.Outcome, _ finished: Int, _ total: Int) {
        locked {
            write(interactive ? "\r\u{1B}[2KApplying: \(finished)/\(total) done" : ApplyReportRenderer.line(outcome))
        }
    }

    /// Every change finished.
    public func summary(_ report: PlanExecutor.Report) {
        locked {
            if interactive { write("\r\u{1B}[2K" + report.outcomes.map(ApplyReportRenderer.line).joined()) }
            write(ApplyReportRenderer.summary(report))
        }
    }

    private func locked(_ body: () -> Void) {
        lock.wait()
        defer { lock.signal() }
        body()
    }
}
