import Foundation

/// Formats records as RFC 4180 CSV text, quoting only the fields that need it.
public struct CSVWriter: Sendable {
    public var delimiter: CSVDelimiter
    /// "\n" by default (friendlier to version control); "\r\n" for strict RFC 4180 consumers.
    public var lineEnding: String

    public init(delimiter: CSVDelimiter = .comma, lineEnding: String = "\n") {
        self.delimiter = delimiter
        self.lineEnding = lineEnding
    }

    /// One record with its line ending.
    public func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: String(delimiter.character)) + lineEnding
    }

    /// Quotes a field holding the delimiter, a quote, a line break or edge whitespace (which
    /// readers may otherwise trim), doubling inner quotes.
    public func escape(_ field: String) -> String {
        let needsQuotes =
            field.contains { c in
                c == delimiter.character || c == "\"" || c == "\n" || c == "\r" || c == "\r\n"
            } || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
