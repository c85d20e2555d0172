import AssetScoreCore
import Foundation

extension TagBuilder {
    /// XMP dc:subject and IPTC keywords. Curated by a person, so confident; "facet:value"
    /// keywords ("tone:playful") carry their facet.
    func keywordTags() -> [RawTag] {
        keywords.map { keyword in
            let (hint, text) = Self.splitFacet(keyword.text)
            return RawTag(
                text: text, facetHint: hint, confidence: 0.9, source: .embedded,
                evidence: "\(keyword.origin) keyword '\(keyword.text)'")
        }
    }

    /// The sidecar's "tags" (any facet, or "facet:value") and "facets" (facet given).
    func sidecarTags() -> [RawTag] {
        guard let sidecar else { return [] }
        var tags = sidecar.tags.compactMap { raw -> RawTag? in
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return nil }
            let (hint, text) = Self.splitFacet(trimmed)
            return RawTag(text: text, facetHint: hint, confidence: 0.9, source: .sidecar, evidence: "sidecar tag '\(trimmed)'")
        }
        for (facet, values) in sidecar.facets {
            let hint = facet.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            for value in values {
                let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { continue }
                tags.append(
                    RawTag(
                        text: text, facetHint: hint.isEmpty ? nil : hint, confidence: 0.9, source: .sidecar,
                        evidence: "sidecar \(hint) '\(text)'"))
            }
        }
        return tags
    }

    /// File-name tokens: weak hints, mapped when they match, otherwise ignored downstream.
    func filenameTags() -> [RawTag] {
        fields.filenameTokens.map {
            RawTag(text: $0, facetHint: nil, confidence: 0.5, source: .filename, evidence: "file name token '\($0)'")
        }
    }

    /// OCR words: hints whose confidence follows tesseract's.
    func ocrTags() -> [RawTag] {
        ocrWords.prefix(Self.maximumOCRTags).map { word in
            RawTag(
                text: word.text, facetHint: nil, confidence: Self.round(min(0.9, word.confidence / 100 * 0.9)),
                source: .ocr, evidence: "OCR word '\(word.text)'" + String(format: " (confidence %.0f)", word.confidence))
        }
    }

    /// "tone:playful" -> ("tone", "playful"); anything else -> (nil, text). The facet part must
    /// look like an id (letters, digits, '_' or '-'), so "Note: 50% off" stays whole.
    static func splitFacet(_ keyword: String) -> (facet: String?, text: String) {
        guard let colon = keyword.firstIndex(of: ":") else { return (nil, keyword) }
        let facet = keyword[..<colon].trimmingCharacters(in: .whitespaces)
        let value = keyword[keyword.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let looksLikeID =
            !facet.isEmpty && facet.count <= 32 && facet.first?.isLetter == true
            && facet.allSatisfy { ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "_" || $0 == "-" }
        guard looksLikeID, !value.isEmpty else { return (nil, keyword) }
        return (facet.lowercased(), value)
    }
}
