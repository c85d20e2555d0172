import Foundation

/// Turns free text into the comparable forms the mapper matches on.
///
/// Tags arrive from cameras, DAM exports, CRMs and OCR in every spelling: "ＲＥＤ", "Crème brûlée",
/// "Back-to-School!". `normalize` removes differences that never carry meaning (width, case,
/// accents, punctuation); `key` additionally removes English plural endings and, with a stemmer,
/// inflection, so "Beaches" and "beach" meet. Both are pure functions of their input and do not
/// depend on the process locale, so stored normalised texts stay valid across machines.
public struct Normalizer: Sendable {
    /// Applied to each singularised token by `key`; nil keeps the singular form.
    public let stemmer: (any Stemmer)?

    public init(stemmer: (any Stemmer)? = nil) {
        self.stemmer = stemmer
    }

    /// NFKC, locale-independent case folding, diacritics removed, every run of punctuation,
    /// symbols, separators and control characters turned into one space, trimmed.
    public func normalize(_ text: String) -> String {
        let compatible = text.precomposedStringWithCompatibilityMapping
        var folded = String.UnicodeScalarView()
        for scalar in compatible.unicodeScalars {
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                if let replacement = Self.extraFolds[lower] {
                    folded.append(contentsOf: replacement.unicodeScalars)
                } else {
                    folded.append(lower)
                }
            }
        }
        // Canonical decomposition splits "é" into "e" + U+0301 so the accent can be dropped alone.
        let decomposed = String(folded).decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in decomposed.unicodeScalars {
            switch Self.role(of: scalar) {
            case .drop:
                continue
            case .separator:
                pendingSpace = true
            case .word:
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        // Recomposition keeps Hangul and other scripts whose letters decomposition split apart.
        return String(out).precomposedStringWithCompatibilityMapping
    }

    /// The tokens of the normalised text ("Back-to-School!" gives ["back", "to", "school"]).
    public func tokens(_ text: String) -> [String] {
        normalize(text).split(separator: " ").map(String.init)
    }

    /// The tokens of `key`: each normalised token singularised, then stemmed when a stemmer is set.
    public func keyTokens(_ text: String) -> [String] {
        tokens(text).map { token in
            let singular = Self.singular(token)
            guard let stemmer else { return singular }
            let stemmed = stemmer.stem(singular)
            // A stemmer that returns nothing must not make distinct words collide on "".
            return stemmed.isEmpty ? singular : stemmed
        }
    }

    /// The matching key: `keyTokens` joined by single spaces ("Beaches & Islands" gives "beach island").
    public func key(_ text: String) -> String {
        keyTokens(text).joined(separator: " ")
    }
}

extension Normalizer {
    enum ScalarRole {
        case word
        case separator
        case drop
    }

    /// Letters that case folding keeps but that people type without their stroke or ligature.
    static let extraFolds: [Unicode.Scalar: String] = [
        "ß": "ss", "ς": "σ", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i",
        "ŀ": "l", "æ": "ae", "œ": "oe", "þ": "th",
    ]

    /// Decides per scalar whether it belongs to a word, separates words, or disappears.
    ///
    /// Apostrophes and invisible format characters disappear so "women's" stays one word; accents
    /// disappear with them. Other combining marks stay, because in scripts such as Devanagari they
    /// are part of the letter.
    static func role(of scalar: Unicode.Scalar) -> ScalarRole {
        let v = scalar.value
        switch v {
        case 0x27, 0x2019, 0x02BC, 0x0060, 0x00B4: return .drop  // apostrophes and stray accents
        case 0x200B: return .separator  // zero-width space separates words
        default: break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .spacingMark:
            return .word
        case .nonspacingMark:
            return isDiacritic(v) || isVariationSelector(v) ? .drop : .word
        case .format:
            return .drop
        default:
            return .separator
        }
    }

    static func isDiacritic(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v)
    }

    static func isVariationSelector(_ v: UInt32) -> Bool {
        (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)
    }
}
