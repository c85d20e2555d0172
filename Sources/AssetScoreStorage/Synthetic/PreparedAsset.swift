import AssetScoreCore
import Foundation

/// A generated asset made ready for writing on another thread: the analysis fields already
/// encoded (nil when encoding failed, so the writer encodes them and reports the error).
enum PreparedAsset: Sendable {
    case analysed(IngestRecord, fieldsJSON: String?)
    case failed(Asset)
}
