import Foundation

/// A bounded queue between one producing and one consuming thread.
///
/// `put` waits while `capacity` values are waiting, `take` while none are; `finish` says no
/// more will come, `cancel` tells the producer to stop (its next `put` returns false).
/// Unchecked Sendable: every field is read and written only while holding `condition`.
final class HandOff<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var values: [Value] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds a value, waiting for room; false when the consumer has cancelled.
    func put(_ value: Value) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while values.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        values.append(value)
        condition.broadcast()
        return true
    }

    /// The next value, waiting for one; nil once the producer has finished and all are taken.
    func take() -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while values.isEmpty && !finished && !cancelled { condition.wait() }
        guard !cancelled, !values.isEmpty else { return nil }
        condition.broadcast()
        return values.removeFirst()
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        values.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
