import AssetScoreCore
import Foundation

/// What a running `Worker` reports, from its threads (so handlers must be thread-safe).
public enum WorkerEvent: Sendable {
    /// Jobs left `analysing` by a dead or expired owner, queued again.
    case recovered([Int64])
    case started(QueueJob)
    /// Back in the queue, due at `notBefore`.
    case retrying(QueueJob)
    /// Done: ready, needs review or failed.
    case finished(QueueJob)
    /// The store failed outside any one job (a thread stops after reporting it).
    case error(String)
}
