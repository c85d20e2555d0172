import Foundation

/// LIKE and GLOB patterns built from what a user typed, so `%`, `_`, `*` or `[` in a search
/// match themselves instead of acting as wildcards.
enum SQLPattern {
    /// The escape character `contains` uses; write `ESCAPE '\'` after the LIKE.
    static let escape = "\\"

    /// A LIKE pattern matching any text that contains `text` (ASCII case ignored, as LIKE does).
    static func contains(_ text: String) -> String {
        var out = "%"
        for character in text {
            if character == "\\" || character == "%" || character == "_" { out += escape }
            out.append(character)
        }
        return out + "%"
    }

    /// A GLOB pattern matching text that starts with `prefix`, case-sensitive. SQLite turns a
    /// GLOB whose pattern starts with plain characters into an index range on that prefix.
    static func startsWith(_ prefix: String) -> String {
        var out = ""
        for character in prefix {
            switch character {
            case "*": out += "[*]"
            case "?": out += "[?]"
            case "[": out += "[[]"
            default: out.append(character)
            }
        }
        return out + "*"
    }

    /// nil for a missing or empty search, which filters nothing.
    static func search(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
