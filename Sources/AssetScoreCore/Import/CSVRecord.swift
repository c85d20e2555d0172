import Foundation

/// One parsed CSV record and the line it started on.
public struct CSVRecord: Sendable, Hashable {
    public var fields: [String]
    /// 1-based line of the record's first byte (a quoted field may continue on later lines).
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }

    /// The field at `index`, or "" when the record is shorter (trailing empty fields are often
    /// left out by spreadsheet exports).
    public subscript(index: Int) -> String {
        index >= 0 && index < fields.count ? fields[index] : ""
    }

    /// True when every field is empty or whitespace.
    public var isBlank: Bool { fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
}
