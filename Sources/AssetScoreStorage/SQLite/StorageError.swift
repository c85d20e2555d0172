import Foundation

/// Why a storage operation failed, with enough context to act on it.
///
/// SQLite failures carry the result code, SQLite's own message and the SQL text. Values are
/// always bound as parameters, so the SQL never contains user data or secrets.
public enum StorageError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// SQLite refused a call: extended result code, its message, the statement (if any) and the file.
    case sqlite(code: Int32, message: String, sql: String?, path: String)
    /// The file was written by a newer AssetScore; opening it with older code could damage it.
    case schemaTooNew(path: String, found: Int, supported: Int)
    /// Something named by id does not exist.
    case notFound(String)
    /// The request contradicts what is stored (a decision already made, a duplicate id).
    case conflict(String)
    /// The request itself is malformed (empty id, unknown facet, duplicate rows in one import).
    case invalidInput(String)
    /// A stored value could not be decoded (for example JSON written by hand).
    case corrupt(String)

    /// The SQLite result code, for SQLite failures.
    public var code: Int32? {
        if case .sqlite(let code, _, _, _) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .sqlite(let code, let message, let sql, let path):
            var text = "SQLite error \(code) in \(path): \(message)"
            if let sql { text += " [SQL: \(sql.split(whereSeparator: \.isNewline).joined(separator: " "))]" }
            return text
        case .schemaTooNew(let path, let found, let supported):
            return "\(path) has schema version \(found), but this AssetScore supports up to version \(supported); "
                + "upgrade AssetScore to open it (the file was left untouched)"
        case .notFound(let text), .conflict(let text), .invalidInput(let text), .corrupt(let text):
            return text
        }
    }

    public var errorDescription: String? { description }
}
