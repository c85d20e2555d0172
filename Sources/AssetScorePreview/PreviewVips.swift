import CVips
import Foundation

/// libvips for previews: started once per process, one owned image reference at a time.
///
/// The ingest module has its own runtime; `vips_init` may be called again and only starts the
/// library once, so both can run in one process. The operation cache stays off (a file replaced
/// on disk must not preview from stale pixels), and untrusted loaders stay blocked.
enum PreviewVips {
    /// nil when libvips started; otherwise why it did not.
    static let startupFailure: String? = {
        if shim_vips_init("assetscore") != 0 { return "libvips failed to start: \(takeError())" }
        vips_cache_set_max(0)
        vips_block_untrusted_set(1)
        shim_vips_silence_warnings()
        return nil
    }()

    /// Takes and clears libvips's (process-global) error buffer; only used for the reason text.
    static func takeError() -> String {
        let message = String(cString: vips_error_buffer())
        vips_error_clear()
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.last ?? "libvips gave no detail"
    }

    /// Runs an operation producing an image, owning its result; throws the libvips message.
    static func make(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<VipsImage>?>) -> Int32) throws -> VipsImageRef {
        var out: UnsafeMutablePointer<VipsImage>?
        let status = body(&out)
        guard status == 0, let out else {
            if let out { g_object_unref(UnsafeMutableRawPointer(out)) }
            throw PreviewError("cannot decode (\(takeError()))")
        }
        return VipsImageRef(out)
    }
}

/// One owned `VipsImage` reference, released when dropped; used inside one render call only.
final class VipsImageRef {
    let pointer: UnsafeMutablePointer<VipsImage>

    init(_ pointer: UnsafeMutablePointer<VipsImage>) { self.pointer = pointer }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    var width: Int { Int(vips_image_get_width(pointer)) }
    var height: Int { Int(vips_image_get_height(pointer)) }
    var bands: Int { Int(vips_image_get_bands(pointer)) }

    func int(_ field: String) -> Int? {
        guard vips_image_get_typeof(pointer, field) != 0 else { return nil }
        var value: Int32 = 0
        guard vips_image_get_int(pointer, field, &value) == 0 else {
            _ = PreviewVips.takeError()
            return nil
        }
        return Int(value)
    }

    func string(_ field: String) -> String? {
        guard vips_image_get_typeof(pointer, field) != 0 else { return nil }
        var value: UnsafePointer<CChar>?
        guard vips_image_get_string(pointer, field, &value) == 0, let value else {
            _ = PreviewVips.takeError()
            return nil
        }
        return String(cString: value)
    }

    /// Runs the pipeline and copies the pixels out (decoder errors surface here).
    func pixels() throws -> [UInt8] {
        var size = 0
        guard let memory = vips_image_write_to_memory(pointer, &size) else {
            throw PreviewError("cannot decode (\(PreviewVips.takeError()))")
        }
        defer { g_free(memory) }
        return Array(UnsafeRawBufferPointer(start: memory, count: size))
    }
}
