import AssetScoreCore
import Foundation

/// What one analysis produces: structured fields, raw tags with evidence, the raw JSON report,
/// the sniffed media type and the analyser's version.
public typealias AnalyserOutput = (
    fields: AnalysisFields, rawTags: [RawTag], rawJSON: String, mediaType: String, analyserVersion: String
)

/// The offline analyser: colour, tone, format, OCR and embedded metadata, with libvips and
/// tesseract, no network.
///
/// A final class because it owns a tesseract instance (loading language data is slow, so it is
/// done once per analyser). Not Sendable: tesseract instances must not be shared between
/// threads, so each worker creates its own analyser. libvips itself is started once per process.
public final class EmbeddedAnalyser {
    /// Version of the analysis algorithm; bump when fields or tags would change for the same file.
    public static let algorithmVersion = "1.0"

    public let configuration: AnalyserConfiguration
    private let ocr: OCREngine?

    /// Loads the OCR language data when OCR is enabled; throws `AnalyserError.ocrUnavailable`
    /// when it is missing, rather than silently analysing without text.
    public init(configuration: AnalyserConfiguration = AnalyserConfiguration()) throws {
        self.configuration = configuration
        ocr =
            configuration.ocrEnabled
            ? try OCREngine(tessdataPath: configuration.tessdataPath, language: configuration.ocrLanguage) : nil
    }

    /// e.g. "1.0 (libvips 8.14.1, tesseract 5.3.0)": results change with the libraries too.
    public var analyserVersion: String {
        let vips = VipsRuntime.startupFailure == nil ? VipsRuntime.version : "unavailable"
        let tesseract = ocr == nil ? "off" : OCREngine.version
        return "\(Self.algorithmVersion) (libvips \(vips), tesseract \(tesseract))"
    }

    /// Analyses one image file.
    ///
    /// - Parameter colorEntries: the dictionary's `color` entries; those with a valid `hex`
    ///   name the dominant colours (nearest by CIEDE2000).
    /// - Throws: `AnalyserError` naming the file (or its sidecar) and the reason.
    public func analyse(file: URL, colorEntries: [DictionaryEntry]) throws -> AnalyserOutput {
        let loader = ImageLoader(configuration: configuration)
        let header = try loader.readHeader(of: file)
        if min(header.width, header.height) < configuration.minSide {
            throw AnalyserError(
                .tooSmall, file: file.path,
                reason: "\(header.width)x\(header.height) px is too small to be a creative (a tracking pixel or spacer?)")
        }
        let sidecar = try Sidecar.load(besides: file)
        var notes = header.metadata.notes

        let fileExtension = file.pathExtension.lowercased()
        if !fileExtension.isEmpty && !header.type.fileExtensions.contains(fileExtension) {
            notes.append("file extension .\(fileExtension) but the content is \(header.type.displayName)")
        }
        if header.pages > 1 {
            notes.append("\(header.pages) frames: only the first frame was analysed")
        }

        var fields = AnalysisFields(
            width: header.width, height: header.height,
            orientation: FormatClass.orientation(width: header.width, height: header.height),
            formatClass: FormatClass.classify(width: header.width, height: header.height).rawValue)

        // Colour.
        let pixels = try loader.colorThumbnail(of: file, type: header.type, side: configuration.colorThumbnailSide)
        let stats = ColorStatistics.measure(pixels)
        fields.hasAlpha = pixels.hasAlpha
        fields.transparentShare = Self.round(stats.transparentShare, 4)
        if stats.visiblePixels == 0 {
            notes.append("no visible pixels (fully transparent): no colours or tone measured")
        } else {
            fields.brightness = stats.brightness.map { Self.round($0, 4) }
            fields.contrast = stats.contrast.map { Self.round($0, 4) }
            fields.colorfulness = stats.colorfulness.map { Self.round($0, 2) }
            fields.warmth = stats.warmth.map { Self.round($0, 4) }
            let palette = ColorPalette(entries: colorEntries)
            notes += palette.notes
            fields.dominantColors = ColorClusterer.cluster(stats.bins).map { palette.describe($0) }
        }

        // Text.
        var reading: TextReading?
        if let ocr {
            let (side, skip) = ocrSide(width: header.width, height: header.height)
            if stats.visiblePixels == 0 {
                notes.append("OCR skipped: nothing visible to read; text density unknown")
            } else if let skip {
                notes.append(skip)
            } else {
                let grey = try loader.greyThumbnail(of: file, type: header.type, side: side)
                if let words = ocr.words(in: grey) {
                    let found = TextReading(words: words, imageWidth: grey.width, imageHeight: grey.height)
                    reading = found
                    fields.textDensity = Self.round(found.density, 4)
                    fields.ocrWords = Array(found.words.map(\.text).prefix(200))
                } else {
                    notes.append("OCR failed on this image; text density unknown")
                }
            }
        }

        // Metadata.
        fields.keywords = header.metadata.keywords.map(\.text)
        fields.title = Self.nonEmpty(sidecar?.title) ?? header.metadata.title
        fields.imageDescription = Self.nonEmpty(sidecar?.description) ?? header.metadata.description
        fields.filenameTokens = FilenameTokenizer.tokens(of: file)
        fields.sidecar = sidecar?.rawText

        let labels = Dictionary(colorEntries.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        let tags = TagBuilder(
            fields: fields, colorLabels: labels, chromaticShare: stats.chromaticShare,
            keywords: header.metadata.keywords, sidecar: sidecar, ocrWords: reading?.words ?? []
        ).build()

        let version = analyserVersion
        let report = EmbeddedReport(
            analyserVersion: version, file: file.lastPathComponent, mediaType: header.type.mediaType,
            bytes: header.byteSize, pages: header.pages, exifOrientation: header.orientation,
            sourceInterpretation: header.interpretation, iccProfile: header.hasICCProfile, ocrRan: reading != nil,
            notes: notes, fields: fields, tags: tags)
        return (fields, tags, report.json(), header.type.mediaType, version)
    }

    /// OCR needs text a few dozen pixels high: creatives under 800 px are enlarged (up to twice,
    /// within the cap), larger ones are read at their own size or shrunk to the cap. Slivers
    /// too small to hold a line of text are skipped.
    private func ocrSide(width: Int, height: Int) -> (side: Int, skip: String?) {
        let long = max(width, height)
        let short = min(width, height)
        let cap = Double(configuration.ocrSide)
        let scale = long < 800 ? min(2.0, cap / Double(long), max(1.0, 800 / Double(long))) : min(1.0, cap / Double(long))
        let side = max(1, Int((Double(long) * scale).rounded()))
        if Double(short) * scale < 16 {
            return (side, "image too small for OCR (\(width)x\(height)); text density unknown")
        }
        return (side, nil)
    }

    static func round(_ value: Double, _ places: Int) -> Double {
        let factor = pow(10, Double(places))
        return (value * factor).rounded() / factor
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
