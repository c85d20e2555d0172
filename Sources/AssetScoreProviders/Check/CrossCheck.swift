import AssetScoreCore
import AssetScoreIngest
import Foundation

/// Compares a model's analysis with the embedded analyser's measurement of the same file.
///
/// A model can be wrong with confidence, and text in an image can try to steer it; the
/// measurements cannot be talked into anything. Where they differ on what can be measured
/// (text coverage, dominant colours, layout class) the caller keeps both and flags the asset
/// for review with these disagreements. Small differences near a class boundary are not
/// disagreements: the thresholds leave room for honest rounding.
public enum CrossCheck {
    public struct Thresholds: Sendable, Hashable {
        /// Text classes must differ and the coverages by at least this much.
        public var textCoverageGap: Double
        /// A claimed colour farther than this CIEDE2000 distance from every measured one disagrees.
        public var colorDeltaE: Double
        /// Only claimed colours covering at least this share are checked.
        public var colorMinimumShare: Double

        public init(textCoverageGap: Double = 0.05, colorDeltaE: Double = 20, colorMinimumShare: Double = 0.15) {
            self.textCoverageGap = textCoverageGap
            self.colorDeltaE = colorDeltaE
            self.colorMinimumShare = colorMinimumShare
        }
    }

    public static func compare(model: ProviderAnalysis, embedded: ProviderAnalysis, thresholds: Thresholds = Thresholds()) -> [Disagreement] {
        textDensity(model, embedded, thresholds) + colors(model, embedded, thresholds) + format(model, embedded)
    }

    /// The shared vocabulary's text classes: >= 0.20 heavy, 0.03..<0.20 some, < 0.03 none.
    static func textClass(_ coverage: Double) -> String {
        coverage >= 0.20 ? "text heavy" : coverage >= 0.03 ? "some text" : "no text"
    }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func textDensity(_ model: ProviderAnalysis, _ embedded: ProviderAnalysis, _ t: Thresholds) -> [Disagreement] {
        // Without OCR there is no measurement to disagree with.
        guard let claimed = model.fields.textDensity, let measured = embedded.fields.textDensity else { return [] }
        let (claimedClass, measuredClass) = (textClass(claimed), textClass(measured))
        guard claimedClass != measuredClass, abs(claimed - measured) >= t.textCoverageGap else { return [] }
        return [
            Disagreement(
                field: "text_density", modelClaim: "\(claimedClass) (\(percent(claimed)))", measurement: "\(measuredClass) (\(percent(measured)))",
                explanation: "The model says text covers about \(percent(claimed)) of the image (\(claimedClass)), "
                    + "but OCR found words on \(percent(measured)) (\(measuredClass)).")
        ]
    }

    static func colors(_ model: ProviderAnalysis, _ embedded: ProviderAnalysis, _ t: Thresholds) -> [Disagreement] {
        let measured = embedded.fields.dominantColors.filter { $0.lab.count == 3 }
        guard !measured.isEmpty else { return [] }
        var found: [Disagreement] = []
        for claim in model.fields.dominantColors where claim.share >= t.colorMinimumShare {
            guard let lab = ColorMetrics.lab(hex: claim.hex) else { continue }
            let nearest = measured.compactMap { m in ColorMetrics.deltaE(lab, m.lab).map { (m, $0) } }.min { $0.1 < $1.1 }
            guard let (closest, distance) = nearest, distance > t.colorDeltaE else { continue }
            let palette = measured.prefix(5).map { "\($0.hex) \(percent($0.share))" }.joined(separator: ", ")
            found.append(
                Disagreement(
                    field: "dominant_colors", modelClaim: "\(claim.hex) (\(percent(claim.share)))", measurement: palette,
                    explanation: "The model names \(claim.hex) as covering about \(percent(claim.share)) of the image, "
                        + "but the nearest measured colour, \(closest.hex), is \(Int(distance.rounded())) ΔE00 away."))
        }
        return found
    }

    /// The model's layout claim (a `format` tag naming a layout class) against the class of
    /// the measured size.
    static func format(_ model: ProviderAnalysis, _ embedded: ProviderAnalysis) -> [Disagreement] {
        let layoutTexts = Set(LayoutClass.allTagTexts)
        guard
            let claim = model.rawTags.first(where: { $0.source == .model && $0.facetHint == "format" && layoutTexts.contains($0.text) })
        else { return [] }
        let measured = LayoutClass.tagText(formatClass: embedded.fields.formatClass)
        guard claim.text != measured else { return [] }
        let size = "\(embedded.fields.width)x\(embedded.fields.height)"
        return [
            Disagreement(
                field: "format", modelClaim: claim.text, measurement: "\(measured) (\(size))",
                explanation: "The model calls the layout \"\(claim.text)\", but the image is \(size) px, which is \"\(measured)\".")
        ]
    }
}
