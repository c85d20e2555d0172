import AssetScoreCore
import Foundation

/// Turns an analysis into raw tags, each with a confidence and a human-readable reason.
///
/// Confidence reflects how clear the evidence is, not how much the tag matters: measured
/// tones run 0.80 (just past the threshold) to 0.95 (far past it); colours scale with the area
/// they cover and fall off with their distance to the named reference colour; guesses about
/// mood (<= 0.5) and sentiment (<= 0.4) stay low because image statistics only hint at them.
struct TagBuilder {
    var fields: AnalysisFields
    /// Entry id -> label, for naming the dominant colours.
    var colorLabels: [String: String]
    /// Share of visible pixels with noticeable chroma (warm/cool needs some colour to judge).
    var chromaticShare: Double
    var keywords: [EmbeddedMetadata.Keyword]
    var sidecar: Sidecar?
    var ocrWords: [(text: String, confidence: Double)]

    /// Colours below this share of the visible area are not worth a tag.
    static let colorTagMinimumShare = 0.08
    /// Colours further than this (CIEDE2000) from every reference colour are not named.
    static let colorTagMaximumDeltaE = 25.0
    /// OCR on a text-heavy screenshot yields hundreds of words; hints beyond this add nothing.
    static let maximumOCRTags = 100

    func build() -> [RawTag] {
        var tags: [RawTag] = []
        tags += colorTags()
        tags += toneTags()
        tags += heuristicTags()
        tags += formatTags()
        tags += keywordTags()
        tags += sidecarTags()
        tags += filenameTags()
        tags += ocrTags()
        return tags
    }

    /// One tag per named colour entry: shades that map to the same entry add up (two greens of
    /// 7% each are a green of 14%), colours too far from every reference are left out.
    func colorTags() -> [RawTag] {
        var order: [String] = []
        var share: [String: Double] = [:]
        var weightedDeltaE: [String: Double] = [:]
        for color in fields.dominantColors {
            guard let entry = color.nearestEntry, let distance = color.deltaE, distance <= Self.colorTagMaximumDeltaE
            else { continue }
            if share[entry] == nil { order.append(entry) }
            share[entry, default: 0] += color.share
            weightedDeltaE[entry, default: 0] += distance * color.share
        }
        return order.compactMap { entry in
            let s = share[entry] ?? 0
            guard s >= Self.colorTagMinimumShare else { return nil }
            let d = (weightedDeltaE[entry] ?? 0) / s
            let label = colorLabels[entry] ?? entry
            let base = 0.55 + 0.4 * min(1, s / 0.4)
            let closeness = d <= 5 ? 1 : 1 - 0.5 * (d - 5) / 20
            return RawTag(
                text: label, facetHint: "color", confidence: Self.round(min(0.95, base * closeness)), source: .color,
                evidence: String(format: "covers %.0f%% of the visible area (ΔE %.1f from ", s * 100, d) + "\(label))")
        }
    }

    /// bright/dark, vibrant/muted, warm/cool, high contrast/soft.
    func toneTags() -> [RawTag] {
        var tags: [RawTag] = []
        func measured(_ text: String, _ clarity: Double, _ evidence: String) {
            tags.append(
                RawTag(
                    text: text, facetHint: "tone", confidence: Self.measuredConfidence(clarity), source: .measurement,
                    evidence: evidence))
        }
        if let b = fields.brightness {
            let evidence = String(format: "mean lightness %.0f/100", b * 100)
            if b >= 0.65 { measured("bright", (b - 0.65) / 0.2, evidence) }
            if b <= 0.35 { measured("dark", (0.35 - b) / 0.2, evidence) }
        }
        if let m = fields.colorfulness {
            let evidence = String(format: "colourfulness %.0f (Hasler–Süsstrunk)", m)
            if m >= 55 { measured("vibrant", (m - 55) / 30, evidence) }
            if m <= 20 { measured("muted", (20 - m) / 15, evidence) }
        }
        if let w = fields.warmth, chromaticShare >= 0.1 {
            let evidence = String(format: "warmth %+.2f over the %.0f%% of visible pixels with colour", w, chromaticShare * 100)
            if w >= 0.25 { measured("warm", (w - 0.25) / 0.5, evidence) }
            if w <= -0.25 { measured("cool", (-0.25 - w) / 0.5, evidence) }
        }
        if let c = fields.contrast {
            let evidence = String(format: "lightness spread %.0f/100 (standard deviation of L*)", c * 100)
            if c >= 0.25 { measured("high contrast", (c - 0.25) / 0.1, evidence) }
            if c <= 0.12 { measured("soft", (0.12 - c) / 0.06, evidence) }
        }
        return tags
    }

    /// The format class and, when OCR ran, how much text there is.
    func formatTags() -> [RawTag] {
        var tags: [RawTag] = []
        let format = FormatClass(rawValue: fields.formatClass) ?? .landscape
        let clarity = FormatClass.clarity(width: fields.width, height: fields.height)
        let evidence =
            format == .icon
            ? "longest side \(max(fields.width, fields.height)) px"
            : String(format: "aspect ratio %.2f (%dx%d)", Double(fields.width) / Double(max(fields.height, 1)), fields.width, fields.height)
        tags.append(
            RawTag(
                text: format.tagText, facetHint: "format", confidence: Self.measuredConfidence(clarity),
                source: .measurement, evidence: evidence))
        if let d = fields.textDensity {
            let evidence = String(format: "text covers %.0f%% of the area", d * 100)
            let (text, clarity): (String, Double) =
                d >= 0.20
                ? ("text heavy", (d - 0.20) / 0.15)
                : d >= 0.03
                    ? ("some text", min(d - 0.03, 0.20 - d) / 0.05)
                    : ("no text", (0.03 - d) / 0.03)
            tags.append(
                RawTag(
                    text: text, facetHint: "format", confidence: Self.measuredConfidence(clarity), source: .measurement,
                    evidence: evidence))
        }
        return tags
    }

    static func measuredConfidence(_ clarity: Double) -> Double {
        round(0.8 + 0.15 * min(1, max(0, clarity)))
    }

    static func round(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
