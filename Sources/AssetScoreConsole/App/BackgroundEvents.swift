import AssetScoreIngest
import Foundation

/// What background jobs report to the UI thread.
enum BackgroundEvent: Sendable {
    case progress(job: Int, done: Int, total: Int, file: String)
    case finished(job: Int, outcomes: [IngestOutcome])
    case failed(job: Int, message: String)
}

/// A locked mailbox: background threads post, the UI loop drains on each tick.
final class BackgroundEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [BackgroundEvent] = []

    func post(_ event: BackgroundEvent) {
        lock.lock()
        pending.append(event)
        lock.unlock()
    }

    func drain() -> [BackgroundEvent] {
        lock.lock()
        defer { lock.unlock() }
        let out = pending
        pending.removeAll()
        return out
    }
}
