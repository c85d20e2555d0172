import Foundation

/// A small least-recently-used map from (file, size, modification) to a rendered preview, so a
/// redraw of the same screen costs a dictionary look-up instead of a decode.
///
/// A lock guards it because the console may render from more than one thread (the loop and a
/// background job); entries are values, so nothing leaks out from under the lock.
final class PreviewCache: @unchecked Sendable {
    struct Key: Hashable {
        var path: String
        var columns: Int
        var rows: Int
        /// The file's modification time and size: a file replaced on disk gets a new key.
        var modified: Date?
        var bytes: Int64?
    }

    private let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: PreviewResult] = [:]
    /// Keys from least to most recently used.
    private var order: [Key] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    func value(for key: Key) -> PreviewResult? {
        lock.lock()
        defer { lock.unlock() }
        guard let value = entries[key] else { return nil }
        touch(key)
        return value
    }

    func store(_ value: PreviewResult, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        if entries.updateValue(value, forKey: key) != nil {
            touch(key)
            return
        }
        order.append(key)
        while order.count > capacity { entries[order.removeFirst()] = nil }
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }

    private func touch(_ key: Key) {
        if let index = order.firstIndex(of: key) { order.remove(at: index) }
        order.append(key)
    }
}
