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

    /// Quotes and escapes per RFC 8259: quote, backslash and control characters. Works on UTF-8
    /// bytes (every byte of a multi-byte sequence is >= 0x80, so none is mistaken for one of
    /// those), and copies a string with nothing to escape in one piece.
    static func appendString(_ s: String, to out: inout String) {
        var needsEscape = false
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
            needsEscape = true
            break
        }
        guard needsEscape else {
            out += "\""
            out += s
            out += "\""
            return
        }
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(s.utf8.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        for b in s.utf8 {
            switch b {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0x00..<0x20, 0x7F: bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
        out += String(decoding: bytes, as: UTF8.self)
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
