import Foundation

/// One numbered step of the schema: applied once, in its own transaction, recorded in
/// `schema_migrations`.
public struct SchemaMigration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
