import Foundation

/// Makes untrusted text (file names, tags, model output, CSV values) safe to show to people.
///
/// Everything that could steer a terminal is replaced: C0 and C1 control characters (ESC starts
/// every escape sequence; U+009B is a one-character CSI), DEL, and the Unicode bidi overrides and
/// isolates that can make text read differently from what it is. Newlines and tabs become visible
/// spaces so one value cannot break a table or a pane.
public enum SafeText {
    public static let replacement: Character = "\u{FFFD}"

    public static func display(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: out.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// `display`, then cut to at most `limit` characters with an ellipsis.
    public static func display(_ text: String, limit: Int) -> String {
        let safe = display(text)
        guard safe.count > limit, limit > 1 else { return safe }
        return String(safe.prefix(limit - 1)) + "…"
    }

    /// Escapes C1 controls that JSONEncoder leaves raw, so JSON printed to a terminal is inert too.
    public static func jsonSafe(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value)
            {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
