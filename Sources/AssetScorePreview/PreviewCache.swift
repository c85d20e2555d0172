import Foundation

/// A small least-recently-used map from (file, size, modification) to a rendered preview, so a
/// redraw of the same screen costs a dictionary look-up instead of a decode.
///
/// A lock guards it because the console may render from more than one thread (the loop and a
/// background job); entries are values, so nothing leaks out from under the lock.
final class PreviewCache<Value: Sendable>: @unchecked Sendable {
    typealias Key = PreviewKey

    private let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]
    /// Keys from least to most recently used.
    private var order: [Key] = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    func value(for key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        guard let value = entries[key] else { return nil }
        touch(key)
        return value
    }

    func store(_ value: Value, for key: Key) {
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

/// What a cached preview is of: the file as it is now, the size, and the pixel variant.
struct PreviewKey: Hashable, Sendable {
    var path: String
    var columns: Int
    var rows: Int
    /// The file's modification time and size: a file replaced on disk gets a new key.
    var modified: Date?
    var bytes: Int64?
    /// Pixel graphics only: the protocol and the cell size in pixels ("sixel 10x20").
    var variant: String = ""
}
