import Foundation

/// A problem in an imported file, located by line (text formats) or JSON path.
///
/// Every importer reports bad input with this type so that people see one consistent form,
/// `users.csv:12: unterminated quoted field` or `dict.json: facets[0].entries[3].hex: ...`,
/// and can go straight to the place in the file.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The file as the user named it (usually its last path component).
    public var file: String
    /// 1-based line where the problem is (or where the offending record or field began).
    public var line: Int?
    /// Location inside a JSON document, e.g. `facets[0].entries[3].hex`.
    public var path: String?
    public var message: String

    public init(file: String, line: Int? = nil, path: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        var out = file
        if let line { out += ":\(line)" }
        if let path, !path.isEmpty { out += ": \(path)" }
        return out + ": " + message
    }

    public var errorDescription: String? { description }
}
