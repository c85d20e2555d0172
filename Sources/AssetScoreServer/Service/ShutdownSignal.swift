import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Waits for SIGTERM or SIGINT without running Swift code in a signal handler.
///
/// The handler only writes the signal number to a pipe (async-signal-safe); `wait()` blocks on
/// the pipe's other end, so the shutdown itself runs on an ordinary thread.
public enum ShutdownSignal {
    nonisolated(unsafe) private static var readFD: Int32 = -1
    nonisolated(unsafe) private static var writeFD: Int32 = -1

    /// Installs the handlers; call once, before the server starts.
    public static func install() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        readFD = fds[0]
        writeFD = fds[1]
        for sig in [SIGTERM, SIGINT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                var byte = UInt8(truncatingIfNeeded: sig)
                _ = write(ShutdownSignal.writeFD, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(sig, &action, nil)
        }
    }

    /// Blocks until a stop signal arrives; returns its number.
    public static func wait() -> Int32 {
        var byte: UInt8 = 0
        while true {
            let n = read(readFD, &byte, 1)
            if n == 1 { return Int32(byte) }
            if n < 0 && errno == EINTR { continue }
            return SIGTERM
        }
    }
}
