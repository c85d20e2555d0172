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
}

/// The service's connections: a few readers for request threads, one watcher for the change
/// token, one writer for decisions, events and webhooks.
///
/// Separate readers let pool threads read users in parallel (SQLite's WAL lets readers run
/// beside the writer); the watcher never writes, so every commit, the service's own included,
/// moves its token; one writer means the service never waits on itself for SQLite's write lock.
public final class ServiceStores: Sendable {
    let readers: [LockedStore]
    public let watcher: LockedStore
    public let writer: LockedStore
    private let next = Counter()

    /// `open` is called once per connection (readers + 2).
    public init(readers: Int, open: () throws -> any AssetStore) throws {
        self.readers = try (0..<max(1, readers)).map { _ in LockedStore(try open()) }
        watcher = LockedStore(try open())
        writer = LockedStore(try open())
    }

    /// Runs `body` on the next reader in turn.
    public func read<T>(_ body: (any AssetStore) throws -> T) rethrows -> T {
        try readers[next.increment() % readers.count].with(body)
    }

    /// The store's change token, read on the watcher.
    public func changeToken() throws -> Int64 { try watcher.with { try $0.changeToken() } }
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
