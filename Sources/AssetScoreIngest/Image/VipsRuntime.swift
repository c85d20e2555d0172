import CVips
import Foundation

/// Process-wide libvips set-up, done exactly once.
///
/// Swift initialises global constants lazily and thread-safely, so touching `VipsRuntime.ready`
/// from any thread runs `vips_init` once. The operation cache is switched off because it keys
/// loads by file name: a file replaced on disk would otherwise be analysed from stale pixels.
enum VipsRuntime {
    /// nil when libvips started; otherwise why it did not.
    static let startupFailure: String? = {
        if shim_vips_init("assetscore") != 0 {
            return "libvips failed to start: \(takeError())"
        }
        vips_cache_set_max(0)
        // Only the loaders for the sniffed types are ever reached, but refuse the "untrusted"
        // ones (ImageMagick, ...) outright as defence in depth.
        vips_block_untrusted_set(1)
        shim_vips_silence_warnings()
        return nil
    }()

    /// libvips's own version, e.g. "8.14.1".
    static var version: String { String(cString: vips_version_string()) }

    /// Starts libvips if needed; throws for `file` when it cannot start.
    static func ensureStarted(for file: URL) throws {
        if let failure = startupFailure {
            throw AnalyserError(.decodeFailed, file: file.path, reason: failure)
        }
    }

    /// Takes and clears libvips's error buffer, which is global to the process.
    ///
    /// Concurrent analysers may see each other's messages here; the messages are only used for
    /// the human-readable reason, never to decide whether an operation failed.
    static func takeError() -> String {
        let message = String(cString: vips_error_buffer())
        vips_error_clear()
        return message.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
