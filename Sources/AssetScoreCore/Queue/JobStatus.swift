import Foundation

/// Where an ingestion job stands.
///
/// A job waiting for a retry is `queued` with a `notBefore` in the future, so "due" is one
/// condition (`queued` and `notBefore` passed) and nothing needs a separate wake-up state.
/// A finished job is `ready`, `needsReview` or `failed`, following the asset it produced.
public enum JobStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case queued
    case analysing
    case needsReview = "needs_review"
    case ready
    case failed

    /// True once the worker is done with the job (a failed job may still be retried by hand).
    public var isFinished: Bool { self == .ready || self == .needsReview || self == .failed }

    /// The status a finished job takes from its asset.
    public init(finishedAsset status: AssetStatus) {
        switch status {
        case .ready: self = .ready
        case .needsReview: self = .needsReview
        case .failed: self = .failed
        case .queued, .analysing: self = .failed
        }
    }
}
