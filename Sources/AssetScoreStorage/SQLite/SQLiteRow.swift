import CSQLite
import Foundation

/// The current row of a statement being stepped; only valid inside the row closure.
///
/// Columns are read by index in the order of the SELECT list. Typed readers convert the way
/// SQLite does, so a reader never fails; `isNull` tells a stored NULL from a zero.
public struct SQLiteRow {
    let handle: OpaquePointer

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func isNull(_ column: Int) -> Bool {
        sqlite3_column_type(handle, Int32(column)) == SQLITE_NULL
    }

    public func int64(_ column: Int) -> Int64 { sqlite3_column_int64(handle, Int32(column)) }
    public func int(_ column: Int) -> Int { Int(int64(column)) }
    public func double(_ column: Int) -> Double { sqlite3_column_double(handle, Int32(column)) }
    public func bool(_ column: Int) -> Bool { int64(column) != 0 }

    public func text(_ column: Int) -> String {
        // Ask for the text before its length: the conversion to UTF-8 may change the byte count.
        guard let bytes = sqlite3_column_text(handle, Int32(column)) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, Int32(column)))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    public func optionalInt64(_ column: Int) -> Int64? { isNull(column) ? nil : int64(column) }
    public func optionalInt(_ column: Int) -> Int? { isNull(column) ? nil : int(column) }
    public func optionalDouble(_ column: Int) -> Double? { isNull(column) ? nil : double(column) }
    public func optionalText(_ column: Int) -> String? { isNull(column) ? nil : text(column) }
}
