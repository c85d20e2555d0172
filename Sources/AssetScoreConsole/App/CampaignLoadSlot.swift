import AssetScoreCore
import Foundation

/// Where a campaign loaded on a background thread waits for the input loop to pick it up.
///
/// Loading a campaign of 15,000 variants reads 200,000 tag rows (a few hundred milliseconds),
/// too long for a key press; the loop keeps answering keys meanwhile and shows the campaign
/// when it is ready. Only the newest load counts: a result whose generation is older than the
/// controller's (the operator moved on, or the database changed) is dropped.
final class CampaignLoadSlot: @unchecked Sendable {
    struct Loaded: Sendable {
        var generation: Int
        var campaign: String
        var outcome: Result<CampaignDecider, ConsoleError>
    }

    private let lock = NSLock()
    private var pending: Loaded?
    private var requested = 0

    /// Notes the newest request, so loads for older ones can skip their work.
    func request(_ generation: Int) {
        lock.lock()
        requested = max(requested, generation)
        lock.unlock()
    }

    func isCurrent(_ generation: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return generation >= requested
    }

    /// Keeps the newest result: an older load finishing later must not hide a newer one.
    func post(_ loaded: Loaded) {
        lock.lock()
        if pending.map({ loaded.generation >= $0.generation }) ?? true { pending = loaded }
        lock.unlock()
    }

    func take() -> Loaded? {
        lock.lock()
        defer { lock.unlock() }
        let out = pending
        pending = nil
        return out
    }
}
