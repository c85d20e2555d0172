import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

/// Errors seen on another thread, handed back to the test.
private final class ThreadErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}

final class ConcurrentAccessTests: StoreTestCase {
    func testSecondStoreSeesTheFirstsWrites() throws {
        let first = try makeStore()
        let second = try SQLiteStore(path: path)
        let asset = try first.saveIngest(record(path: "a.png", hash: "a", tags: [unmapped("odd", hint: "theme")]))
        XCTAssertEqual(try second.asset(id: asset.id), asset)
        let itemID = try XCTUnwrap(try second.reviewItems(status: .pending).first?.id)
        try second.decide(itemID: itemID, decision: .reject, actor: "second")
        XCTAssertEqual(try first.asset(id: asset.id)?.status, .ready)
        XCTAssertThrowsError(try first.decide(itemID: itemID, decision: .reject, actor: "first")) {
            XCTAssertTrue("\($0)".contains("by second"), "\($0)")
        }
    }

    func testConcurrentWriterWaitsForTheLockInsteadOfFailing() throws {
        let store = try makeStore()
        let path = self.path
        let hold = 0.6
        let locked = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let errors = ThreadErrors()
        Thread.detachNewThread {
            do {
                let other = try SQLiteStore(path: path)
                try other.withWriteLockHeld(for: hold) { locked.signal() }
            } catch {
                errors.add("\(error)")
                locked.signal()
            }
            finished.signal()
        }
        locked.wait()
        let start = Date()
        try store.upsertCampaign(Campaign(id: "waited"))
        let waited = Date().timeIntervalSince(start)
        finished.wait()
        XCTAssertEqual(errors.all, [])
        XCTAssertGreaterThan(waited, hold / 2, "the write should have waited for the other connection's lock")
        XCTAssertNotNil(try store.campaign("waited"))
        XCTAssertNotNil(try store.campaign("holder"), "the other connection's write is visible")
    }

    func testManyWritersOnSeparateConnectionsAllSucceed() throws {
        _ = try makeStore()
        let path = self.path
        let errors = ThreadErrors()
        let group = DispatchGroup()
        let batches = (0..<4).map { worker in
            (0..<10).map { n in
                record(campaign: "c\(worker)", path: "\(n).png", hash: "\(worker)-\(n)", tags: [unmapped("word\(n)", hint: nil)])
            }
        }
        for batch in batches {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let store = try SQLiteStore(path: path)
                    for record in batch { try store.saveIngest(record) }
                } catch {
                    errors.add("\(error)")
                }
            }
        }
        group.wait()
        XCTAssertEqual(errors.all, [])
        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try store.assets(campaign: nil, status: nil).count, 40)
        XCTAssertEqual(try store.reviewItems(status: .pending).count, 10)
        XCTAssertEqual(try store.reviewItems(status: .pending).first?.occurrences, 4)
    }
}

extension SQLiteStore {
    /// Takes the write lock with a write of its own, signals, holds it, then commits.
    fileprivate func withWriteLockHeld(for seconds: Double, _ signal: () -> Void) throws {
        let connection = try SQLiteConnection(path: path)
        try connection.setBusyTimeout(milliseconds: 5000)
        try connection.transaction {
            try connection.run("INSERT INTO campaigns (id, name, facet_weights) VALUES ('holder', 'holder', '{}')")
            signal()
            Thread.sleep(forTimeInterval: seconds)
        }
    }
}
