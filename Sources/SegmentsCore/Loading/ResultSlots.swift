/// Slots that concurrent workers fill at distinct indices; each slot is written once.
///
/// `@unchecked Sendable` is safe because of how `ParallelMap` uses it: every index is written
/// by exactly one worker, no slot is read while workers run, and `values` is read only after
/// `DispatchQueue.concurrentPerform` has returned, which orders every write before the read.
final class ResultSlots<R>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<R?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: R) {
        slots[index] = value
    }

    var values: [R] { slots.map { $0! } }
}
