import Foundation
import XCTest

extension CLITestCase {
    /// A schema-valid answer for the default dictionary: every non-dedicated facet present (strict
    /// schemas require all properties), one new theme tag the dictionary lacks.
    func modelAnswer() throws -> String {
        let facets = try XCTUnwrap(try ok(["dict", "facets", "--json"]).json() as? [[String: Any]]).compactMap { $0["id"] as? String }
        let facetJSON = facets.filter { !["color", "format", "sentiment"].contains($0) }.map { "\"\($0)\": []" }.joined(separator: ", ")
        let content = """
            {"description": "A beach banner.", "dominant_colors": [{"hex": "#f2c14e", "share": 0.6, "name": "", "confidence": 0.8}],
             "text_density": {"value": "some text", "coverage": 0.05, "words_read": ["SALE"], "confidence": 0.7},
             "format": {"value": "email header", "confidence": 0.9},
             "sentiment": {"value": "positive", "confidence": 0.6, "evidence": "smiling people"},
             "facets": {\(facetJSON)},
             "new_tags": [{"facet": "theme", "text": "kite surfing", "confidence": 0.8, "evidence": "a kite over the waves"}]}
            """
        let escaped = String(
            decoding: try JSONSerialization.data(withJSONObject: [content], options: [.withoutEscapingSlashes]), as: UTF8.self
        )
        .dropFirst().dropLast()
        return """
            {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": \(escaped), "refusal": null}, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 900, "completion_tokens": 150, "total_tokens": 1050}}
            """
    }
}
