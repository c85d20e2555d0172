import Foundation

/// A flag every worker thread checks between jobs, set by a signal handler or a test.
///
/// A semaphore rather than a bare flag so the heartbeat can wait on it and wake at once.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private let wake = DispatchSemaphore(value: 0)

    public init() {}

    public var isSet: Bool { lock.withLock { stopped } }

    public func set() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        if first { wake.signal() }
    }

    /// Waits up to `seconds` real time; true when stopped meanwhile.
    func wait(_ seconds: TimeInterval) -> Bool {
        if isSet { return true }
        if wake.wait(timeout: .now() + seconds) == .success {
            wake.signal()
            return true
        }
        return isSet
    }
}
