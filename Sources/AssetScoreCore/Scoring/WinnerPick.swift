import Foundation

/// The winning variant alone, without the ranking or the terms that explain it: what a share
/// chart over every user or an HTTP decide that needs no reasons asks for, at a fraction of
/// the cost of a `Decision`.
public struct WinnerPick: Sendable, Hashable {
    public var assetID: Int64
    public var path: String
    public var score: Double
    /// True when no variant scored and the fallback was served (as `Decision.usedFallback`).
    public var usedFallback: Bool

    public init(assetID: Int64, path: String, score: Double, usedFallback: Bool) {
        self.assetID = assetID
        self.path = path
        self.score = score
        self.usedFallback = usedFallback
    }
}
