import AssetScoreCore
import Foundation

/// One store connection used by one thread at a time.
///
/// `AssetStore` implementations are not thread-safe (a SQLite connection belongs to one
/// thread at a time), so every use goes through the lock.
public final class LockedStore: @unchecked Sendable {
    private let store: any AssetStore
    private let lock = NSLock()

    public init(_ store: any AssetStore) { self.store = store }

    public func with<T>(_ body: (any AssetStore) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(store)
    }

    /// `body`'s result, or nil at once when another thread holds the connection.
    public func tryWith<T>(_ body: (any AssetStore) throws -> T) rethrows -> T? {
        guard lock.try() else { return nil }
        defer { lock.unlock() }
        return try body(store)
    }
}

/// The service's connections: a few readers for request threads and one writer for decisions,
/// events and webhooks, whose external change token says when others changed the database.
///
/// Separate readers let pool threads read users in parallel (SQLite's WAL lets readers run
/// beside the writer). The token is read on the writer because there it leaves out the
/// service's own commits: recording decisions must not drop the decision caches. It is read at
/// most every `tokenInterval` seconds and never waits for a write in progress (the previous
/// value is used meanwhile); with interval 0 every request reads it, waiting if need be.
public final class ServiceStores: @unchecked Sendable {
    let readers: [LockedStore]
    public let writer: LockedStore
    private let next = Counter()
    private let tokenInterval: UInt64
    private let tokenLock = NSLock()
    private var token: Int64 = .min
    private var tokenReadAt: UInt64 = 0

    /// `open` is called once per connection (readers + 1).
    public init(readers: Int, tokenInterval: TimeInterval = 0, open: () throws -> any AssetStore) throws {
        self.readers = try (0..<max(1, readers)).map { _ in LockedStore(try open()) }
        writer = LockedStore(try open())
        self.tokenInterval = UInt64(max(0, tokenInterval) * 1e9)
    }

    /// Runs `body` on the next reader in turn.
    public func read<T>(_ body: (any AssetStore) throws -> T) rethrows -> T {
        try readers[next.increment() % readers.count].with(body)
    }

    /// A value that moves when another connection or process commits.
    public func changeToken() throws -> Int64 {
        guard tokenInterval > 0 else { return try writer.with { try $0.externalChangeToken() } }
        let now = DispatchTime.now().uptimeNanoseconds
        let (cached, fresh) = tokenLock.withLock { (token, now &- tokenReadAt < tokenInterval) }
        if fresh { return cached }
        guard let read = try writer.tryWith({ try $0.externalChangeToken() }) else {
            return cached == .min ? try writer.with { try $0.externalChangeToken() } : cached
        }
        tokenLock.withLock {
            token = read
            tokenReadAt = now
        }
        return read
    }
}
/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.withLock {
            value &+= 1
            return value & Int.max
        }
    }
}
