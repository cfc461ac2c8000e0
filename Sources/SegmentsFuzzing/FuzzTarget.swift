import Foundation

/// The entry points that read untrusted bytes, one fuzz target each; the invariant each keeps
/// is documented on its check.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A segment file, validated (`SegmentFileCheck`).
    case validate
    /// `segctl.yaml`, decoded (`ConfigFileCheck`).
    case config
    /// A saved plan file, parsed (`PlanFileCheck`).
    case plan
    /// An API response body, read by both clients (`ResponseBodyCheck`).
    case responses
    /// A member list edit (`MemberEditCheck`).
    case members
    /// `segctl fmt` (`FormatterCheck`).
    case fmt
    /// A segments-server request (`ServerRequestCheck`).
    case server

    /// Runs the check of this target on `bytes`.
    public func check(_ bytes: [UInt8]) async throws(InvariantViolation) {
        if self == .server {
            try await ServerRequestCheck.check(bytes)
        } else {
            try checkBlocking(bytes)
        }
    }

    /// libFuzzer's `LLVMFuzzerTestOneInput`: runs the check on one input and stops the
    /// process on a violated invariant, so libFuzzer keeps the input as a finding.
    public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        do {
            try checkBlocking(bytes)
        } catch {
            fatalError("fuzz target \(rawValue): invariant violated: \(error)")
        }
    }

    /// Runs the check from synchronous code, waiting for the server's asynchronous one.
    private func checkBlocking(_ bytes: [UInt8]) throws(InvariantViolation) {
        switch self {
        case .validate: try SegmentFileCheck.check(bytes)
        case .config: try ConfigFileCheck.check(bytes)
        case .plan: try PlanFileCheck.check(bytes)
        case .responses: try ResponseBodyCheck.check(bytes)
        case .members: try MemberEditCheck.check(bytes)
        case .fmt: try FormatterCheck.check(bytes)
        case .server:
            try Self.waitFor { () async -> Result<Void, InvariantViolation> in
                do throws(InvariantViolation) {
                    try await ServerRequestCheck.check(bytes)
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }.get()
        }
    }

    /// Runs `body` on the concurrency pool and blocks this (non-pool) thread until it is done:
    /// libFuzzer calls the entry point synchronously, from its own thread.
    private static func waitFor<Value: Sendable>(_ body: @escaping @Sendable () async -> Value) -> Value {
        let done = DispatchSemaphore(value: 0)
        let slot = ResultSlot<Value>()
        Task {
            slot.value = await body()
            done.signal()
        }
        done.wait()
        return slot.value!
    }
}

/// A value handed from a task to the thread waiting for it; the semaphore both wait on orders
/// the write before the read.
private final class ResultSlot<Value>: @unchecked Sendable {
    var value: Value?
}
