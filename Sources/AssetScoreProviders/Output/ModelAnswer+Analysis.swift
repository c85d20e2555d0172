import AssetScoreCore
import AssetScoreIngest
import Foundation

extension ModelAnswer {
    /// A model's word never counts as much as a measurement: its confidence is capped.
    static let confidenceCap = 0.9
    static let evidenceLimit = 300

    /// Raw tags with source `.model`: every claim, new tags included, with the facet as hint.
    /// Nothing here is mapped; mapping and review decide what the words mean.
    func rawTags() -> [RawTag] {
        var tags: [RawTag] = []
        func add(_ text: String, facet: String?, confidence: Double, evidence: String, region: String = "") {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return }
            var because = SafeText.display(evidence, limit: Self.evidenceLimit).trimmingCharacters(in: .whitespaces)
            if !region.isEmpty, region != "whole image" { because += because.isEmpty ? "region: \(region)" : " (region: \(region))" }
            tags.append(
                RawTag(
                    text: trimmed, facetHint: facet?.isEmpty == false ? facet : nil, confidence: min(confidence, Self.confidenceCap),
                    source: .model, evidence: because.isEmpty ? "model claim" : "model: \(because)"))
        }
        for colour in colours where !colour.name.isEmpty {
            add(colour.name, facet: "color", confidence: colour.confidence, evidence: "\(colour.hex) covers about \(Int(colour.share * 100))% of the area")
        }
        let words = wordsRead.prefix(12).map { "\"\(SafeText.display($0, limit: 40))\"" }.joined(separator: ", ")
        add(
            textDensity, facet: "format", confidence: textConfidence,
            evidence: "text covers about \(Int(textCoverage * 100))% of the area" + (words.isEmpty ? "" : "; read \(words)"))
        add(format, facet: "format", confidence: formatConfidence, evidence: "layout as seen by the model")
        add(sentiment, facet: "sentiment", confidence: sentimentConfidence, evidence: sentimentEvidence)
        for claim in claims { add(claim.label, facet: claim.facet, confidence: claim.confidence, evidence: claim.evidence, region: claim.region) }
        for tag in newTags { add(tag.label, facet: tag.facet, confidence: tag.confidence, evidence: tag.evidence) }
        return tags
    }

    /// The fields: size, layout and alpha from the image itself; text coverage and colours as
    /// the model claims them (colours named after the nearest dictionary colour by CIEDE2000).
    func fields(image: DownscaledImage, colorEntries: [DictionaryEntry]) -> AnalysisFields {
        let (width, height) = (image.originalWidth, image.originalHeight)
        var fields = AnalysisFields(
            width: width, height: height, orientation: LayoutClass.orientation(width: width, height: height),
            formatClass: LayoutClass.formatClass(width: width, height: height))
        fields.textDensity = textCoverage
        fields.hasAlpha = image.hasAlpha
        fields.imageDescription = description.isEmpty ? nil : SafeText.display(description, limit: 500)
        let named = colorEntries.compactMap { entry -> (DictionaryEntry, [Double])? in
            guard let hex = entry.hex, let lab = ColorMetrics.lab(hex: hex) else { return nil }
            return (entry, lab)
        }
        fields.dominantColors = colours.compactMap { colour in
            guard let lab = ColorMetrics.lab(hex: colour.hex) else { return nil }
            var dominant = DominantColor(hex: colour.hex, share: colour.share, lab: lab)
            let nearest = named.compactMap { entry, entryLab in ColorMetrics.deltaE(lab, entryLab).map { (entry, $0) } }.min { $0.1 < $1.1 }
            if let (entry, distance) = nearest {
                dominant.nearestEntry = entry.id
                dominant.deltaE = (distance * 100).rounded() / 100
            }
            return dominant
        }
        return fields
    }
}
