import AssetScoreCore
import AssetScoreIngest
import XCTest

@testable import AssetScoreProviders

final class CrossCheckTests: XCTestCase {
    private func analysis(
        provider: String, width: Int = 1200, height: Int = 300, density: Double?, colors: [(String, Double)], tags: [RawTag] = []
    ) -> ProviderAnalysis {
        var fields = AnalysisFields(
            width: width, height: height, orientation: LayoutClass.orientation(width: width, height: height),
            formatClass: LayoutClass.formatClass(width: width, height: height))
        fields.textDensity = density
        fields.dominantColors = colors.map { DominantColor(hex: $0.0, share: $0.1, lab: ColorMetrics.lab(hex: $0.0)!) }
        return ProviderAnalysis(provider: provider, version: "1", fields: fields, rawTags: tags, rawOutput: "", mediaType: "image/png")
    }

    private func modelTag(_ text: String, _ facet: String) -> RawTag {
        RawTag(text: text, facetHint: facet, confidence: 0.8, source: .model, evidence: "model")
    }

    func testAgreementGivesNothing() {
        let model = analysis(provider: "openai", density: 0.25, colors: [("#d62828", 0.6), ("#ffffff", 0.3)], tags: [modelTag("banner", "format")])
        let measured = analysis(provider: "embedded", density: 0.22, colors: [("#d42a2a", 0.55), ("#fafafa", 0.35)])
        XCTAssertEqual(CrossCheck.compare(model: model, embedded: measured), [])
    }

    func testNearBoundaryTextDensityIsNotADisagreement() {
        let model = analysis(provider: "openai", density: 0.21, colors: [])
        let measured = analysis(provider: "embedded", density: 0.18, colors: [])
        XCTAssertEqual(CrossCheck.compare(model: model, embedded: measured), [])
    }

    func testDisagreementsAreDescribed() {
        let model = analysis(
            provider: "openai", density: 0.02, colors: [("#1d4ed8", 0.5), ("#ffffff", 0.3), ("#00ff00", 0.05)],
            tags: [modelTag("square", "format"), modelTag("summer", "theme")])
        let measured = analysis(provider: "embedded", density: 0.35, colors: [("#d62828", 0.6), ("#ffffff", 0.4)])
        let found = CrossCheck.compare(model: model, embedded: measured)
        XCTAssertEqual(found.map(\.field), ["text_density", "dominant_colors", "format"])
        XCTAssertEqual(found[0].modelClaim, "no text (2%)")
        XCTAssertEqual(found[0].measurement, "text heavy (35%)")
        XCTAssertEqual(found[0].explanation, "The model says text covers about 2% of the image (no text), but OCR found words on 35% (text heavy).")
        XCTAssertEqual(found[1].modelClaim, "#1d4ed8 (50%)", "only the blue disagrees; the small green is not checked")
        XCTAssertTrue(found[1].explanation.contains("nearest measured colour, #d62828"), found[1].explanation)
        XCTAssertEqual(found[2].modelClaim, "square")
        XCTAssertEqual(found[2].measurement, "banner (1200x300)")
    }

    func testNoOCRMeansNoTextDisagreement() {
        let model = analysis(provider: "openai", density: 0.5, colors: [])
        let measured = analysis(provider: "embedded", density: nil, colors: [])
        XCTAssertEqual(CrossCheck.compare(model: model, embedded: measured), [])
    }
}
