import Foundation

extension JSONValue {
    /// Serialises with keys in the order given, two-space indentation and a final newline,
    /// so exported files are stable and diff well.
    public func formatted(indent: String = "  ") -> String {
        var out = ""
        write(to: &out, level: 0, indent: indent)
        return out + "\n"
    }

    /// Single-line serialisation (for JSON Lines).
    public var compact: String {
        var out = ""
        write(to: &out, level: nil, indent: "")
        return out
    }

    private func write(to out: inout String, level: Int?, indent: String) {
        func newline(_ depth: Int) {
            guard level != nil else { return }
            out += "\n" + String(repeating: indent, count: depth)
        }
        let depth = level ?? 0
        let separator = level == nil ? ":" : ": "
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += Self.numberText(n)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            // Arrays of scalars stay on one line: alias lists read better that way.
            let scalars = items.allSatisfy { if case .array = $0 { false } else if case .object = $0 { false } else { true } }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += scalars && level != nil ? ", " : "," }
                if !scalars { newline(depth + 1) }
                item.write(to: &out, level: level.map { _ in depth + 1 }, indent: indent)
            }
            if !scalars { newline(depth) }
            out += "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                newline(depth + 1)
                Self.writeString(key, to: &out)
                out += separator
                value.write(to: &out, level: level.map { _ in depth + 1 }, indent: indent)
            }
            newline(depth)
            out += "}"
        }
    }

    static func numberText(_ n: Double) -> String {
        if n.isFinite, n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return n.isFinite ? "\(n)" : "null"
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
