import Foundation

/// A dominant colour of the visible (non-transparent) area.
public struct DominantColor: Codable, Sendable, Hashable {
    /// `#rrggbb` in sRGB.
    public var hex: String
    /// Share of the visible area, 0...1.
    public var share: Double
    /// CIELAB (D65) coordinates of the cluster centre.
    public var lab: [Double]
    /// The nearest `color` dictionary entry and its CIEDE2000 distance, when the dictionary has colours.
    public var nearestEntry: String?
    public var deltaE: Double?

    public init(hex: String, share: Double, lab: [Double], nearestEntry: String? = nil, deltaE: Double? = nil) {
        self.hex = hex
        self.share = share
        self.lab = lab
        self.nearestEntry = nearestEntry
        self.deltaE = deltaE
    }

    enum CodingKeys: String, CodingKey {
        case hex, share, lab
        case nearestEntry = "nearest_entry"
        case deltaE = "delta_e"
    }
}

/// The structured fields an analyser extracts. Optional fields are absent when not measurable.
public struct AnalysisFields: Codable, Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var dominantColors: [DominantColor] = []
    /// Mean L* / 100, 0...1.
    public var brightness: Double?
    /// Standard deviation of L* / 100.
    public var contrast: Double?
    /// Hasler–Süsstrunk colourfulness (0 = grey, ~100+ = extremely colourful).
    public var colorfulness: Double?
    /// -1 (all cool) ... +1 (all warm), over visible chromatic pixels.
    public var warmth: Double?
    /// "landscape", "portrait" or "square".
    public var orientation: String
    /// "banner", "email-header", "square", "portrait", "landscape", "skyscraper", "icon".
    public var formatClass: String
    /// Share of the area covered by OCR-found words, 0...1; nil when OCR did not run.
    public var textDensity: Double?
    public var ocrWords: [String] = []
    public var keywords: [String] = []
    public var title: String?
    public var imageDescription: String?
    public var filenameTokens: [String] = []
    /// The sidecar JSON as found, when there was one.
    public var sidecar: String?
    public var hasAlpha: Bool = false
    /// Share of pixels that are (nearly) fully transparent.
    public var transparentShare: Double = 0

    public init(width: Int, height: Int, orientation: String, formatClass: String) {
        self.width = width
        self.height = height
        self.orientation = orientation
        self.formatClass = formatClass
    }

    enum CodingKeys: String, CodingKey {
        case width, height, brightness, contrast, colorfulness, warmth, orientation, keywords, title, sidecar
        case dominantColors = "dominant_colors"
        case formatClass = "format_class"
        case textDensity = "text_density"
        case ocrWords = "ocr_words"
        case imageDescription = "description"
        case filenameTokens = "filename_tokens"
        case hasAlpha = "has_alpha"
        case transparentShare = "transparent_share"
    }
}

/// One analysis run of one asset by one analyser or provider.
public struct Analysis: Codable, Sendable, Hashable {
    public var id: Int64
    public var assetID: Int64
    /// "embedded" for the offline analyser, or a provider name.
    public var analyser: String
    public var model: String?
    /// The analyser's own version string (algorithm or prompt version).
    public var analyserVersion: String
    /// 1 for the first analysis of an asset, then 2, 3, ... as bytes or analysers change.
    public var version: Int
    /// The raw output as received (JSON for the embedded analyser, the body for a model).
    public var rawOutput: String
    public var fields: AnalysisFields
    public var durationMS: Int
    public var createdAt: Date

    public init(
        id: Int64 = 0, assetID: Int64 = 0, analyser: String, model: String? = nil, analyserVersion: String,
        version: Int = 1, rawOutput: String, fields: AnalysisFields, durationMS: Int = 0, createdAt: Date = Date()
    ) {
        self.id = id
        self.assetID = assetID
        self.analyser = analyser
        self.model = model
        self.analyserVersion = analyserVersion
        self.version = version
        self.rawOutput = rawOutput
        self.fields = fields
        self.durationMS = durationMS
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, analyser, model, version, fields
        case assetID = "asset_id"
        case analyserVersion = "analyser_version"
        case rawOutput = "raw_output"
        case durationMS = "duration_ms"
        case createdAt = "created_at"
    }
}
