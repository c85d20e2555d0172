import Foundation

/// Writes small JSON objects by hand, in a fixed key order.
///
/// Decision bodies are built on every cache miss; `JSONEncoder` (reflection over Codable,
/// boxing every value) cost more than scoring itself there. Keys are written in the order given,
/// so equal values give equal bytes.
struct JSONText {
    private(set) var text = "{"
    private var first = true

    mutating func key(_ k: String) {
        if !first { text += "," }
        first = false
        Self.appendString(k, to: &text)
        text += ":"
    }

    mutating func string(_ k: String, _ v: String?) {
        key(k)
        if let v { Self.appendString(v, to: &text) } else { text += "null" }
    }

    mutating func int(_ k: String, _ v: Int64?) {
        key(k)
        text += v.map { String($0) } ?? "null"
    }

    /// Finite numbers in Swift's shortest form (valid JSON); anything else is null.
    mutating func number(_ k: String, _ v: Double) {
        key(k)
        text += v.isFinite ? "\(v)" : "null"
    }

    mutating func bool(_ k: String, _ v: Bool) {
        key(k)
        text += v ? "true" : "false"
    }

    /// A nested object or null.
    mutating func object(_ k: String, _ v: JSONText?) {
        key(k)
        text += v?.finished ?? "null"
    }

    var finished: String { text + "}" }
    var data: Data { Data(finished.utf8) }

    /// Quotes and escapes per RFC 8259: quote, backslash and control characters.
    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}"..."\u{1F}", "\u{7F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// Lower-case hex without `String(format:)`, which goes through CFString and a va_list.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
