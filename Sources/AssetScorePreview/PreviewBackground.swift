import Foundation
import TerminalUI

/// The decodes waiting for `ImagePreview`'s background queue, newest first, and the pixel
/// variant the terminal last asked for.
///
/// The first decode of a big JPEG takes about 130 ms, too long for the input loop. Requests
/// run newest first (the operator scrolling through items wants the one on screen now), at most
/// `maxWaiting` wait (older ones are forgotten and asked again if they show again), and a file
/// already waiting or decoding is not queued twice.
final class PreviewBackground: @unchecked Sendable {
    struct Job {
        var key: PreviewKey
        var work: @Sendable () -> Void
    }

    static let maxWaiting = 8
    private let queue = DispatchQueue(label: "assetscore.preview.decode", qos: .userInitiated)
    private let lock = NSLock()
    private var waiting: [Job] = []
    private var queued: Set<PreviewKey> = []
    private var pixels: (mode: GraphicsMode, cellWidth: Int, cellHeight: Int)?

    /// Queues `work` for `key` unless it is waiting or running already.
    func enqueue(_ key: PreviewKey, _ work: @escaping @Sendable () -> Void) {
        let added: Bool = lock.withLock {
            guard queued.insert(key).inserted else { return false }
            waiting.append(Job(key: key, work: work))
            if waiting.count > Self.maxWaiting { queued.remove(waiting.removeFirst().key) }
            return true
        }
        guard added else { return }
        queue.async { [self] in
            BackgroundPriority.lowerCurrentThread()
            // Each block runs whichever request is newest now, so the last one asked runs first.
            guard let job = lock.withLock({ waiting.popLast() }) else { return }
            job.work()
            lock.withLock { _ = queued.remove(job.key) }
        }
    }

    /// Whether `key` is waiting or being decoded.
    func isQueued(_ key: PreviewKey) -> Bool {
        lock.withLock { queued.contains(key) }
    }

    /// Notes the pixel protocol and cell size a terminal drew with, so background decodes can
    /// prepare that variant too.
    func notePixels(_ mode: GraphicsMode, cellSize: (width: Int, height: Int)) {
        lock.withLock { pixels = (mode, cellSize.width, cellSize.height) }
    }

    var lastPixels: (mode: GraphicsMode, cellSize: (width: Int, height: Int))? {
        lock.withLock { pixels.map { ($0.mode, ($0.cellWidth, $0.cellHeight)) } }
    }

    /// Blocks until every queued decode has run (tests, benchmarks).
    func waitUntilIdle() {
        while lock.withLock({ !queued.isEmpty }) { queue.sync {} }
    }
}
