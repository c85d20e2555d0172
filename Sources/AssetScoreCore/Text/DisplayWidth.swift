import Foundation

/// Terminal column width of text, per `Character`, so CJK and emoji line up in tables and panes.
///
/// An approximation of wcwidth over grapheme clusters: a cluster is 2 columns wide when its first
/// scalar is East Asian Wide/Fullwidth or an emoji presentation, 0 for lone combining marks, else 1.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }

    public static func of(_ c: Character) -> Int {
        // Most text is ASCII: no property lookups for it ("\r\n" is one ASCII character, a control).
        if let ascii = c.asciiValue { return ascii >= 0x20 && ascii != 0x7F ? 1 : 0 }
        guard let first = c.unicodeScalars.first else { return 0 }
        let v = first.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark {
            return 0
        }
        if c.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Cuts `text` to at most `width` columns (with "…" when cut) and pads it with spaces to `width`.
    public static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        let total = of(text)
        let limit = total > width ? width - 1 : width
        for c in text {
            let w = of(c)
            if used + w > limit { break }
            out.append(c)
            used += w
        }
        if total > width {
            out.append("…")
            used += 1
        }
        return out + String(repeating: " ", count: max(0, width - used))
    }
}
