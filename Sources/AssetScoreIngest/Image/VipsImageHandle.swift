import CVips
import Foundation

/// Owns one `VipsImage` reference and releases it when dropped.
///
/// Not Sendable: libvips images may be shared between threads, but this handle is only ever
/// used inside one `analyse` call.
final class VipsImageHandle {
    let pointer: UnsafeMutablePointer<VipsImage>

    init(_ pointer: UnsafeMutablePointer<VipsImage>) {
        self.pointer = pointer
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pointer))
    }

    var width: Int { Int(vips_image_get_width(pointer)) }
    var height: Int { Int(vips_image_get_height(pointer)) }
    var bands: Int { Int(vips_image_get_bands(pointer)) }
    var hasAlpha: Bool { vips_image_hasalpha(pointer) != 0 }

    func has(_ field: String) -> Bool { vips_image_get_typeof(pointer, field) != 0 }

    func int(_ field: String) -> Int? {
        guard has(field) else { return nil }
        var value: Int32 = 0
        guard vips_image_get_int(pointer, field, &value) == 0 else {
            _ = VipsRuntime.takeError()
            return nil
        }
        return Int(value)
    }

    func string(_ field: String) -> String? {
        guard has(field) else { return nil }
        var value: UnsafePointer<CChar>?
        guard vips_image_get_string(pointer, field, &value) == 0, let value else {
            _ = VipsRuntime.takeError()
            return nil
        }
        return String(cString: value)
    }

    func blob(_ field: String) -> [UInt8]? {
        guard has(field) else { return nil }
        var data: UnsafeRawPointer?
        var length = 0
        guard vips_image_get_blob(pointer, field, &data, &length) == 0, let data else {
            _ = VipsRuntime.takeError()
            return nil
        }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }

    /// Runs a libvips operation that produces a new image; nil with the error text on failure.
    static func make(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<VipsImage>?>) -> Int32) -> Result<VipsImageHandle, VipsFailure> {
        var out: UnsafeMutablePointer<VipsImage>?
        let status = body(&out)
        guard status == 0, let out else {
            if let out { g_object_unref(UnsafeMutableRawPointer(out)) }
            return .failure(VipsFailure(message: VipsRuntime.takeError()))
        }
        return .success(VipsImageHandle(out))
    }

    /// Decodes the pixels into a new byte array (the whole pipeline runs here, so decoder
    /// errors surface from this call).
    func pixelBytes() -> Result<[UInt8], VipsFailure> {
        var size = 0
        guard let memory = vips_image_write_to_memory(pointer, &size) else {
            return .failure(VipsFailure(message: VipsRuntime.takeError()))
        }
        defer { g_free(memory) }
        return .success(Array(UnsafeRawBufferPointer(start: memory, count: size)))
    }
}

/// A libvips failure with its error-buffer text.
struct VipsFailure: Error, Sendable {
    var message: String
}
