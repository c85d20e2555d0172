import AssetScoreCore
import Foundation

/// One generated asset: analysed (with its analysis and tags) or failed (with a reason).
public enum SyntheticAsset: Sendable {
    case analysed(IngestRecord)
    case failed(Asset)
}
