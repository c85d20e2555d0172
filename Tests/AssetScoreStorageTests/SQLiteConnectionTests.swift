import AssetScoreStorage
import Foundation
import XCTest

final class SQLiteConnectionTests: StoreTestCase {
    private func makeTable() throws -> SQLiteConnection {
        let db = try rawConnection()
        try db.execute(script: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, score REAL)")
        return db
    }

    func testBindsAndReadsTypedValues() throws {
        let db = try makeTable()
        try db.run("INSERT INTO t (name, score) VALUES (?, ?)", "naïve ☀️ \"quoted\"", 0.25)
        try db.run("INSERT INTO t (name, score) VALUES (?, ?)", "", Double?.none)
        let rows = try db.query("SELECT id, name, score FROM t ORDER BY id") { ($0.int64(0), $0.text(1), $0.optionalDouble(2)) }
        XCTAssertEqual(rows.map(\.1), ["naïve ☀️ \"quoted\"", ""])
        XCTAssertEqual(rows.map(\.2), [0.25, nil])
        XCTAssertEqual(db.lastInsertRowID, 2)
    }

    func testErrorCarriesCodeMessageAndSQL() throws {
        let db = try makeTable()
        XCTAssertThrowsError(try db.run("INSERT INTO missing_table VALUES (1)")) { error in
            guard case .sqlite(let code, let message, let sql, let file) = error as? StorageError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(code, 1)
            XCTAssertTrue(message.contains("no such table"), message)
            XCTAssertEqual(sql, "INSERT INTO missing_table VALUES (1)")
            XCTAssertEqual(file, self.path)
        }
        try db.run("INSERT INTO t (name) VALUES (?)", "a")
        XCTAssertThrowsError(try db.run("INSERT INTO t (name) VALUES (?)", "a")) { error in
            // SQLITE_CONSTRAINT_UNIQUE: extended codes are on.
            XCTAssertEqual((error as? StorageError)?.code, 2067)
            XCTAssertFalse("\(error)".contains("'a'"), "bound values must not appear in errors: \(error)")
        }
        XCTAssertThrowsError(try db.run("INSERT INTO t (name) VALUES (?)")) { error in
            XCTAssertTrue("\(error)".contains("1 parameters but 0 values"), "\(error)")
        }
    }

    func testNestedTransactionsUseSavepoints() throws {
        let db = try makeTable()
        struct Planned: Error {}
        try db.transaction {
            try db.run("INSERT INTO t (name) VALUES ('outer')")
            XCTAssertThrowsError(
                try db.transaction {
                    try db.run("INSERT INTO t (name) VALUES ('inner')")
                    throw Planned()
                })
            try db.transaction { try db.run("INSERT INTO t (name) VALUES ('inner kept')") }
        }
        XCTAssertEqual(try db.query("SELECT name FROM t ORDER BY id") { $0.text(0) }, ["outer", "inner kept"])
        XCTAssertFalse(db.isInTransaction)

        XCTAssertThrowsError(
            try db.transaction {
                try db.run("INSERT INTO t (name) VALUES ('lost')")
                try db.transaction { try db.run("INSERT INTO t (name) VALUES ('lost too')") }
                throw Planned()
            })
        XCTAssertEqual(try db.scalarInt("SELECT COUNT(*) FROM t"), 2)
        XCTAssertFalse(db.isInTransaction)
    }

    func testSameStatementCanRunInsideItsOwnRowClosure() throws {
        let db = try makeTable()
        for name in ["a", "b", "c"] { try db.run("INSERT INTO t (name) VALUES (?)", name) }
        let sql = "SELECT name FROM t WHERE id >= ? ORDER BY id"
        let pairs = try db.query(sql, 1) { row in
            (row.text(0), try db.query(sql, 3) { $0.text(0) })
        }
        XCTAssertEqual(pairs.map(\.0), ["a", "b", "c"])
        XCTAssertEqual(pairs.map(\.1), [["c"], ["c"], ["c"]])
    }

    func testBusyWriterReportsBusyAfterItsTimeout() throws {
        let holder = try makeTable()
        try holder.execute(script: "PRAGMA journal_mode = WAL")
        let other = try SQLiteConnection(path: path)
        try other.setBusyTimeout(milliseconds: 100)
        try holder.run("BEGIN IMMEDIATE")
        let start = Date()
        XCTAssertThrowsError(try other.transaction { try other.run("INSERT INTO t (name) VALUES ('x')") }) { error in
            XCTAssertEqual(((error as? StorageError)?.code ?? 0) & 0xff, 5, "\(error)")
            XCTAssertTrue("\(error)".contains("BEGIN IMMEDIATE"), "\(error)")
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.09)
        try holder.run("COMMIT")
        try other.transaction { try other.run("INSERT INTO t (name) VALUES ('x')") }
        XCTAssertEqual(try holder.scalarInt("SELECT COUNT(*) FROM t"), 1)
    }

    func testOpeningAnUnopenablePathNamesIt() {
        let bad = directory.appendingPathComponent("no/such/dir/x.db").path
        XCTAssertThrowsError(try SQLiteConnection(path: bad)) { error in
            XCTAssertTrue("\(error)".contains(bad), "\(error)")
            XCTAssertNotNil((error as? StorageError)?.code)
        }
    }

    func testStoredDatesRoundTripToTheMillisecond() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.125)
        let text = StoredDate.text(date)
        XCTAssertEqual(text, "2023-11-14T22:13:20.125Z")
        XCTAssertEqual(try StoredDate.date(text, what: "x").timeIntervalSince1970, 1_700_000_000.125, accuracy: 0.0005)
        // Reading and writing again never drifts, for any millisecond.
        for ms in [0, 1, 7, 99, 561, 999] {
            let original = "2026-12-03T16:51:23.\(String(repeating: "0", count: 3 - String(ms).count))\(ms)Z"
            XCTAssertEqual(StoredDate.text(try StoredDate.date(original, what: "x")), original)
        }
        XCTAssertEqual(StoredDate.text(Date(timeIntervalSince1970: -0.25)), "1969-12-31T23:59:59.750Z")
        XCTAssertEqual(StoredDate.text(Date(timeIntervalSince1970: 59.9996)), "1970-01-01T00:01:00.000Z")
        XCTAssertThrowsError(try StoredDate.date("yesterday", what: "assets.created_at")) { error in
            XCTAssertTrue("\(error)".contains("assets.created_at"), "\(error)")
        }
    }
}
