import Foundation

/// What OCR contributes to an analysis: the words worth keeping and how much of the image is
/// text.
///
/// Tesseract reports something for almost any texture, so only confident words count:
/// confidence >= 60 and at least two letters. Short words (two or three letters) need
/// confidence >= 85, because photos of foliage or fabric yield fairly confident nonsense like
/// "ve" or "hs" (65-70), while real short words in set type score 90 and more; tesseract's
/// "from dictionary" flag does not separate them. The text area counts the accepted words plus
/// confident numbers ("50%", "2024").
struct TextReading: Sendable {
    /// Distinct lower-case words in reading order, with the best confidence seen.
    var words: [(text: String, confidence: Double)]
    /// Union area of the confident word boxes / image area.
    var density: Double

    static let minimumConfidence = 60.0
    static let minimumShortWordConfidence = 85.0

    init(words raw: [OCRWord], imageWidth: Int, imageHeight: Int) {
        var boxes: [PixelRect] = []
        var order: [String] = []
        var best: [String: Double] = [:]
        for word in raw where word.confidence >= Self.minimumConfidence {
            let cleaned = Self.clean(word.text)
            let letters = cleaned.filter(\.isLetter).count
            let digits = cleaned.filter(\.isNumber).count
            if letters == 0 && digits >= 2 { boxes.append(word.box) }
            guard letters >= 2, letters >= 4 || word.confidence >= Self.minimumShortWordConfidence else { continue }
            boxes.append(word.box)
            if let seen = best[cleaned] {
                best[cleaned] = max(seen, word.confidence)
            } else {
                best[cleaned] = word.confidence
                order.append(cleaned)
            }
        }
        words = order.map { ($0, best[$0] ?? 0) }
        let area = imageWidth * imageHeight
        density = area > 0 ? min(1, Double(PixelRect.unionArea(boxes)) / Double(area)) : 0
    }

    /// Lower-cases and strips punctuation at both ends ("SALE!" -> "sale", "(50%" -> "50").
    static func clean(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: CharacterSet.alphanumerics.inverted)
        return trimmed.lowercased()
    }
}
