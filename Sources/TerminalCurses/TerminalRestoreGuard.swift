import CNcursesw
import Foundation

/// Puts the terminal back however the process ends: a signal (Ctrl-C, kill, hang-up), a crash
/// (a Swift trap, a segfault), `exit` anywhere, or an error that skips the normal `restore()`.
///
/// The work at signal time is done in C (`shim.h`): it writes bytes prepared here and restores the
/// terminal modes saved before curses started, both async-signal-safe, then raises the signal again
/// under its previous action (the default, or Swift's crash backtracer).
/// The C state is per translation unit, so every call into it lives in this one file.
enum TerminalRestoreGuard {
    /// Saves the modes of `fd` and installs the signal handlers and the atexit hook; call before
    /// curses changes anything.
    static func install(fd: Int32) {
        _ = assetscore_restore_save_modes(fd)
        assetscore_restore_install()
    }

    /// Stores what undoes curses' changes to the screen and makes the handlers use it.
    static func arm(sequence: [UInt8]) {
        let stored = sequence.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { assetscore_restore_set_bytes($0.baseAddress, $0.count) }
        }
        if stored == 0 {
            // Too long for the fixed buffer: restoring the terminal modes alone is still worth it.
            _ = assetscore_restore_set_bytes(nil, 0)
        }
        assetscore_restore_arm()
    }

    /// After a normal `endwin`: nothing is left to undo, and the previous signal actions return.
    static func uninstall() {
        assetscore_restore_disarm()
        assetscore_restore_uninstall()
    }
}
