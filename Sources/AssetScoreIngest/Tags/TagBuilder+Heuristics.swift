import AssetScoreCore
import Foundation

extension TagBuilder {
    /// Mood ("energetic", "calm", "moody") and sentiment ("positive", "neutral", "negative")
    /// guessed from brightness, colourfulness, warmth and contrast.
    ///
    /// These are rules of thumb from colour psychology, not measurements, so their confidence
    /// is capped (moods 0.5, sentiment 0.4) and the evidence says so.
    func heuristicTags() -> [RawTag] {
        guard let b = fields.brightness, let m = fields.colorfulness, let c = fields.contrast else { return [] }
        let w = fields.warmth ?? 0
        let basis = String(
            format: "heuristic from image statistics (lightness %.0f/100, colourfulness %.0f, warmth %+.2f, contrast %.0f/100)",
            b * 100, m, w, c * 100)
        func clamp(_ v: Double) -> Double { min(1, max(0, v)) }
        var tags: [RawTag] = []
        func mood(_ text: String, _ clarity: Double) {
            tags.append(
                RawTag(
                    text: text, facetHint: "tone", confidence: Self.round(0.3 + 0.2 * clamp(clarity)), source: .heuristic,
                    evidence: basis))
        }
        if m >= 50 && (w >= 0.2 || c >= 0.22) { mood("energetic", (m - 50) / 40) }
        if m < 35 && c < 0.18 && b >= 0.45 { mood("calm", (0.18 - c) / 0.1) }
        if b < 0.38 && (m < 45 || w < 0) { mood("moody", (0.38 - b) / 0.2) }

        let sentiment: (String, Double)
        if b >= 0.55 && (w >= 0.1 || m >= 45) {
            sentiment = ("positive", 0.25 + 0.15 * clamp((b - 0.55) / 0.25))
        } else if b < 0.35 && m < 35 {
            sentiment = ("negative", 0.25 + 0.15 * clamp((0.35 - b) / 0.2))
        } else {
            sentiment = ("neutral", 0.2)
        }
        tags.append(
            RawTag(
                text: sentiment.0, facetHint: "sentiment", confidence: Self.round(sentiment.1), source: .heuristic,
                evidence: basis))
        return tags
    }
}
