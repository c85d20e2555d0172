import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import CVips
import FakeHTTPServer
import Foundation
import XCTest

@testable import AssetScoreProviders

/// Shared pieces of the provider tests: images made on the fly, a provider pointed at the fake
/// server, schema-valid answers, and the corpus of real response bodies.
enum Fixture {
    static let key = "sk-test-SECRET-0123456789abcdef"
    static let vocabulary: [String: [String]] = [
        "theme": ["summer", "travel", "food"],
        "tone": ["playful", "bright", "calm"],
        "color": ["Red", "Blue", "White"],
        "sentiment": ["positive", "neutral", "negative"],
    ]
    static let colorEntries = [
        DictionaryEntry(id: "red", facet: "color", label: "Red", hex: "#d62828"),
        DictionaryEntry(id: "blue", facet: "color", label: "Blue", hex: "#1d4ed8"),
        DictionaryEntry(id: "white", facet: "color", label: "White", hex: "#ffffff"),
    ]

    /// A solid-colour image written with libvips: PNG (with alpha when `alpha`) or JPEG.
    static func image(width: Int, height: Int, alpha: Bool = false, jpeg: Bool = false, rgb: (UInt8, UInt8, UInt8) = (214, 40, 40)) throws -> URL {
        _ = shim_vips_init("assetscore-tests")
        let bands = alpha ? 4 : 3
        var pixels = [UInt8](repeating: 0, count: width * height * bands)
        for p in 0..<(width * height) {
            pixels[p * bands] = rgb.0
            pixels[p * bands + 1] = rgb.1
            pixels[p * bands + 2] = rgb.2
            if alpha { pixels[p * bands + 3] = p % 2 == 0 ? 255 : 0 }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("provider-\(UUID().uuidString).\(jpeg ? "jpg" : "png")")
        guard let image = vips_image_new_from_memory_copy(pixels, pixels.count, Int32(width), Int32(height), Int32(bands), VIPS_FORMAT_UCHAR)
        else { throw XCTSkip("libvips cannot make a test image") }
        defer { g_object_unref(UnsafeMutableRawPointer(image)) }
        let status = jpeg ? shim_vips_jpegsave(image, url.path) : shim_vips_pngsave(image, url.path)
        guard status == 0 else { throw XCTSkip("libvips cannot write a test image") }
        return url
    }

    static func request(_ file: URL) -> AnalysisRequest {
        AnalysisRequest(file: file, contentHash: "0", vocabulary: vocabulary, colorEntries: colorEntries)
    }

    static func configuration(_ kind: ProviderKind, server: FakeHTTPServer, model: String = "gpt-4o-2024-08-06", path: String = "") -> ProviderConfiguration {
        ProviderConfiguration(
            kind: kind, model: model, baseURL: URL(string: server.baseURL.absoluteString + path)!, connectTimeout: 2, requestTimeout: 3,
            maxImageSide: 256, addressPolicy: .loopbackOnly)
    }

    static func provider(_ configuration: ProviderConfiguration, environment: [String: String]? = nil) throws -> ModelProvider {
        let env = environment ?? ["OPENAI_API_KEY": key, "ANTHROPIC_API_KEY": key]
        return try ProviderFactory.makeModelProvider(configuration: configuration, environment: env)
    }

    /// A complete answer that satisfies the schema built from `vocabulary`.
    static func answer(description: String = "A red summer sale banner.", extra: String = "") -> String {
        """
        {"description": \(jsonString(description)),
         "dominant_colors": [{"hex": "#d42a2a", "share": 0.7, "name": "Red", "confidence": 0.95},
                             {"hex": "#FFFFFF", "share": 0.2, "name": "", "confidence": 0.6}],
         "text_density": {"value": "some text", "coverage": 0.12, "words_read": ["SUMMER SALE", "50% off"], "confidence": 0.8},
         "format": {"value": "banner", "confidence": 0.9},
         "sentiment": {"value": "positive", "confidence": 0.7, "evidence": "bright colours, exclamation"},
         "facets": {"theme": [{"label": "summer", "confidence": 0.99, "evidence": "reads SUMMER SALE", "region": "top left"}],
                    "tone": [{"label": "playful", "confidence": 0.5, "evidence": "cartoon sun", "region": "whole image"}]},
         "new_tags": [{"facet": "theme", "text": "beach volleyball", "confidence": 0.4, "evidence": "a ball in the sand"}]\(extra)}
        """
    }

    static func jsonString(_ text: String) -> String {
        JSONValue.string(text).compact
    }

    static func openAIBody(content: String, finish: String = "stop") -> String {
        """
        {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-2024-08-06",
         "choices": [{"index": 0, "message": {"role": "assistant", "content": \(jsonString(content)), "refusal": null},
                      "logprobs": null, "finish_reason": "\(finish)"}],
         "usage": {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500}}
        """
    }

    static func anthropicBody(input: String, stop: String = "tool_use") -> String {
        """
        {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
         "content": [{"type": "text", "text": "Here is the analysis."},
                     {"type": "tool_use", "id": "toolu_1", "name": "creative_analysis", "input": \(input)}],
         "stop_reason": "\(stop)", "stop_sequence": null,
         "usage": {"input_tokens": 1000, "cache_read_input_tokens": 0, "output_tokens": 250}}
        """
    }

    static func ollamaBody(content: String, doneReason: String = "stop") -> String {
        """
        {"model": "llava", "created_at": "2024-12-06T00:46:58Z", "message": {"role": "assistant", "content": \(jsonString(content))},
         "done_reason": "\(doneReason)", "done": true, "prompt_eval_count": 600, "eval_count": 180}
        """
    }

    /// ../shared/corpus/llm_responses/<path>, or a skip when the corpus is absent.
    static func corpus(_ path: String, file: StaticString = #filePath) throws -> String {
        let root = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("../shared/corpus/llm_responses/\(path)").standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XCTSkip("../shared/corpus not found: \(url.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Width and height from a PNG IHDR or a JPEG SOF marker.
    static func imageSize(_ data: Data) -> (Int, Int)? {
        let b = [UInt8](data)
        if b.count > 24, b[0] == 0x89, b[1] == 0x50 {
            let w = Int(b[16]) << 24 | Int(b[17]) << 16 | Int(b[18]) << 8 | Int(b[19])
            let h = Int(b[20]) << 24 | Int(b[21]) << 16 | Int(b[22]) << 8 | Int(b[23])
            return (w, h)
        }
        guard b.count > 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                return (Int(b[i + 7]) << 8 | Int(b[i + 8]), Int(b[i + 5]) << 8 | Int(b[i + 6]))
            }
            i += 2 + length
        }
        return nil
    }
}

/// Looks into decoded JSON request bodies with paths like ["messages", 1, "content"].
func dig(_ value: Any?, _ path: [Any]) -> Any? {
    var current = value
    for step in path {
        if let key = step as? String { current = (current as? [String: Any])?[key] }
        if let index = step as? Int {
            guard let array = current as? [Any], index < array.count else { return nil }
            current = array[index]
        }
    }
    return current
}
