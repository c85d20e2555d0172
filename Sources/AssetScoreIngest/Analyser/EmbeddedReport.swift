import AssetScoreCore
import Foundation

/// The embedded analyser's raw output, stored as the analysis's `raw_output`.
///
/// It holds everything the fields and tags were made from plus the notes (first frame only,
/// no visible pixels, unreadable XMP, ...), so a later analyser version can be compared
/// against it without re-reading the file.
struct EmbeddedReport: Encodable {
    var analyser = "embedded"
    var analyserVersion: String
    var file: String
    var mediaType: String
    var bytes: Int64
    var pages: Int
    var exifOrientation: Int
    var sourceInterpretation: String
    var iccProfile: Bool
    var ocrRan: Bool
    var notes: [String]
    var fields: AnalysisFields
    var tags: [RawTag]

    enum CodingKeys: String, CodingKey {
        case analyser, file, bytes, pages, notes, fields, tags
        case analyserVersion = "analyser_version"
        case mediaType = "media_type"
        case exifOrientation = "exif_orientation"
        case sourceInterpretation = "source_interpretation"
        case iccProfile = "icc_profile"
        case ocrRan = "ocr_ran"
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every member is a plain value, so encoding cannot fail; fall back to a minimal object.
        guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else {
            return #"{"analyser":"embedded","error":"report could not be encoded"}"#
        }
        return text
    }
}
