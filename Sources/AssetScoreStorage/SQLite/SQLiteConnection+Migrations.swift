import Foundation

extension SQLiteConnection {
    /// The highest migration version recorded in this database (0 for a new file).
    public func schemaVersion() throws -> Int {
        try execute(script: Self.migrationsTableSQL)
        return Int(try scalarInt("SELECT MAX(version) FROM schema_migrations") ?? 0)
    }

    /// Applies every migration newer than the database, each in its own transaction.
    ///
    /// A database newer than `migrations` is refused before anything is written: old code
    /// writing to a newer schema could silently corrupt it. The version is read again inside
    /// each transaction so two processes opening a new file at once do not both migrate it.
    public func migrate(_ migrations: [SchemaMigration], applied at: Date = Date()) throws {
        let versions = migrations.map(\.version)
        precondition(
            versions == versions.sorted() && Set(versions).count == versions.count,
            "migrations must be numbered in increasing order")
        let supported = versions.last ?? 0
        let found = try schemaVersion()
        guard found <= supported else {
            throw StorageError.schemaTooNew(path: path, found: found, supported: supported)
        }
        for migration in migrations where migration.version > found {
            try transaction {
                let current = Int(try scalarInt("SELECT MAX(version) FROM schema_migrations") ?? 0)
                guard current < migration.version else { return }
                try execute(script: migration.sql)
                try run(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    migration.version, migration.name, StoredDate.text(at))
            }
        }
    }

    static let migrationsTableSQL = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """
}
