import Foundation

/// The field separators the CSV reader understands.
public enum CSVDelimiter: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case comma = 0x2C
    case semicolon = 0x3B
    case tab = 0x09

    public var character: Character { Character(Unicode.Scalar(rawValue)) }

    public var description: String {
        switch self {
        case .comma: "comma"
        case .semicolon: "semicolon"
        case .tab: "tab"
        }
    }

    /// Parses a user-facing name ("comma", "semicolon", "tab") or the character itself.
    public init?(name: String) {
        switch name.lowercased() {
        case "comma", ",": self = .comma
        case "semicolon", ";": self = .semicolon
        case "tab", "\t", "\\t": self = .tab
        default: return nil
        }
    }
}
