import Foundation

/// Limits and sizes of the embedded analyser.
///
/// The limits exist because creatives come from outside: a 44-byte GIF can declare a
/// 65535x65321 frame, and a decoder that believes it allocates gigabytes.
public struct AnalyserConfiguration: Sendable, Hashable {
    /// Files with more declared pixels than this are refused before any pixel is decoded.
    public var maxPixels: Int
    /// Files larger than this many bytes are refused without being read.
    public var maxFileBytes: Int64
    /// Images whose shorter side is below this are refused: email tracking pixels (1x1) and
    /// spacers carry nothing to analyse, and scoring them as "icons" would be a fake result.
    public var minSide: Int = 8
    /// Longest side of the thumbnail used for colour statistics.
    public var colorThumbnailSide: Int
    /// Longest side of the grey image given to OCR (smaller images are enlarged up to twice).
    public var ocrSide: Int
    /// Whether to run OCR at all.
    public var ocrEnabled: Bool
    /// Directory holding `eng.traineddata`.
    public var tessdataPath: String
    /// Tesseract language(s), e.g. "eng".
    public var ocrLanguage: String

    public init(
        maxPixels: Int = 100_000_000, maxFileBytes: Int64 = 50 * 1024 * 1024, colorThumbnailSide: Int = 512,
        ocrSide: Int = 1600, ocrEnabled: Bool = true, tessdataPath: String = AnalyserConfiguration.defaultTessdataPath,
        ocrLanguage: String = "eng"
    ) {
        self.maxPixels = maxPixels
        self.maxFileBytes = maxFileBytes
        self.colorThumbnailSide = colorThumbnailSide
        self.ocrSide = ocrSide
        self.ocrEnabled = ocrEnabled
        self.tessdataPath = tessdataPath
        self.ocrLanguage = ocrLanguage
    }

    /// `TESSDATA_PREFIX` when set, else where Debian's tesseract-ocr-eng 5.x installs its data.
    public static var defaultTessdataPath: String {
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"], !prefix.isEmpty {
            return prefix
        }
        return "/usr/share/tesseract-ocr/5/tessdata"
    }
}
