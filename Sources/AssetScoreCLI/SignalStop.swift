import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C and SIGTERM ask a long-running command to stop cleanly (finish the job in hand);
/// a second one ends the process at once, and the next start recovers what it held.
final class SignalStop: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private var count = 0
    private let lock = NSLock()

    init(_ stop: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let n = self.lock.withLock {
                    self.count += 1
                    return self.count
                }
                if n > 1 { _exit(128 + sig) }
                stop()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Puts the default actions back.
    func cancel() {
        for s in sources { s.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
