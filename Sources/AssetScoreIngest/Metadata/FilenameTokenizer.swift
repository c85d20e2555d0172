import Foundation

/// Splits a file name into lower-case word tokens ("SummerSale_hero-1200x628@2x.png" ->
/// ["summer", "sale", "hero"]).
///
/// File names often carry the designer's intent; sizes, numbers and one-letter fragments do
/// not, so they are dropped.
enum FilenameTokenizer {
    static func tokens(of file: URL) -> [String] {
        tokens(ofBaseName: file.deletingPathExtension().lastPathComponent)
    }

    static func tokens(ofBaseName name: String) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        for chunk in name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let piece = String(chunk)
            if isSizeToken(piece) { continue }
            for word in splitCamelCase(piece) {
                let lower = word.lowercased()
                guard lower.count >= 2, lower.contains(where: \.isLetter), !isSizeToken(lower) else { continue }
                if seen.insert(lower).inserted { result.append(lower) }
            }
        }
        return result
    }

    /// "1200x628", "2x", "300dpi", "v2" and similar carry no meaning for tagging.
    static func isSizeToken(_ token: String) -> Bool {
        token.range(of: #"^(\d+[xX]\d+|\d+[xX]|\d+(px|dpi|k|w|h)|[vV]\d+)$"#, options: .regularExpression) != nil
    }

    /// Splits at lower->Upper ("summerSale"), at the last capital of an acronym ("HTMLPage"),
    /// and between letters and digits ("hero2"). Pure digit runs are returned too (and dropped
    /// by the caller).
    static func splitCamelCase(_ text: String) -> [String] {
        let chars = Array(text)
        var words: [String] = []
        var current = ""
        for (i, c) in chars.enumerated() {
            if !current.isEmpty, let previous = current.last {
                let next = i + 1 < chars.count ? chars[i + 1] : nil
                let lowerToUpper = previous.isLowercase && c.isUppercase
                let acronymEnd = previous.isUppercase && c.isUppercase && (next?.isLowercase ?? false)
                let letterDigit = previous.isLetter != c.isLetter
                if lowerToUpper || acronymEnd || letterDigit {
                    words.append(current)
                    current = ""
                }
            }
            current.append(c)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
