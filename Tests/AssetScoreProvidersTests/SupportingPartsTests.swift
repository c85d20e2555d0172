import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import XCTest

@testable import AssetScoreProviders

final class SupportingPartsTests: XCTestCase {
    func testRateLimitHeaders() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        XCTAssertEqual(RateLimitHeaders.duration("6m0s"), 360)
        XCTAssertEqual(RateLimitHeaders.duration("1s"), 1)
        XCTAssertEqual(RateLimitHeaders.duration("20ms"), 0.02)
        XCTAssertEqual(RateLimitHeaders.duration("1h2m3.5s"), 3723.5)
        XCTAssertNil(RateLimitHeaders.duration("soon"))
        let reset = ISO8601DateFormatter().string(from: now.addingTimeInterval(42))
        let anthropic: HTTPHeaders = [
            "anthropic-ratelimit-requests-remaining": "10", "anthropic-ratelimit-requests-reset": ISO8601DateFormatter().string(from: now.addingTimeInterval(5)),
            "anthropic-ratelimit-tokens-remaining": "0", "anthropic-ratelimit-tokens-reset": reset,
        ]
        XCTAssertEqual(RateLimitHeaders.retryAfter(anthropic, now: now), 42, "the exhausted limit's reset")
        XCTAssertEqual(RateLimitHeaders.retryAfter(["retry-after": "3", "x-ratelimit-reset-requests": "1m"], now: now), 3)
        XCTAssertNil(RateLimitHeaders.retryAfter([:], now: now))
    }

    func testPriceTable() {
        let table = PriceTable(overrides: ["gpt-4o": ModelPrice(inputPerMillion: 5, outputPerMillion: 20)])
        XCTAssertEqual(table.price(for: "gpt-4o-2024-08-06"), ModelPrice(inputPerMillion: 5, outputPerMillion: 20))
        XCTAssertEqual(table.price(for: "claude-sonnet-4-5-20250929")?.inputPerMillion, 3)
        XCTAssertNil(table.cost(model: "llava:13b", inputTokens: 10, outputTokens: 10))
        XCTAssertEqual(table.cost(model: "gpt-4o-mini", inputTokens: 1_000_000, outputTokens: 1_000_000), 0.75)
    }

    func testDownscalerKeepsAlphaAsPNGAndNeverEnlarges() throws {
        let opaque = try ImageDownscaler.downscale(file: try Fixture.image(width: 900, height: 300, jpeg: true), maxSide: 300)
        XCTAssertEqual([opaque.width, opaque.height, opaque.originalWidth, opaque.originalHeight], [300, 100, 900, 300])
        XCTAssertEqual(opaque.mediaType, "image/jpeg")
        XCTAssertEqual(opaque.originalType, .jpeg)
        XCTAssertEqual(Fixture.imageSize(opaque.data).map { [$0.0, $0.1] }, [300, 100])
        let clear = try ImageDownscaler.downscale(file: try Fixture.image(width: 50, height: 40, alpha: true), maxSide: 300)
        XCTAssertEqual([clear.width, clear.height], [50, 40])
        XCTAssertEqual(clear.mediaType, "image/png")
        XCTAssertTrue(clear.hasAlpha)
    }

    func testColorMetrics() throws {
        XCTAssertEqual(ColorMetrics.normalisedHex("#ABC"), "#aabbcc")
        XCTAssertNil(ColorMetrics.lab(hex: "crimson"))
        XCTAssertEqual(try XCTUnwrap(ColorMetrics.deltaE(hex: "#ffffff", hex: "#ffffff")), 0, accuracy: 1e-9)
        XCTAssertGreaterThan(try XCTUnwrap(ColorMetrics.deltaE(hex: "#d62828", hex: "#1d4ed8")), 40)
        XCTAssertEqual(LayoutClass.tagText(formatClass: "email-header"), "email header")
    }
}
