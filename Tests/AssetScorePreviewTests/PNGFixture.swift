import CVips
import Foundation
import XCTest

@testable import AssetScorePreview

/// Solid-colour PNG fixtures written with libvips, for the preview tests.
enum PNGFixture {
    /// Saves a `width` x `height` PNG of one `pixel` (3 bands RGB or 4 bands RGBA) in `directory`.
    static func write(
        _ name: String, in directory: URL, width: Int, height: Int, pixel: [UInt8], file: StaticString = #filePath, line: UInt = #line
    ) throws -> URL {
        _ = PreviewVips.startupFailure
        let url = directory.appendingPathComponent(name)
        let bytes = Array((0..<(width * height)).map { _ in pixel }.joined())
        let status: Int32 = bytes.withUnsafeBytes { raw in
            guard
                let image = vips_image_new_from_memory_copy(
                    raw.baseAddress, raw.count, Int32(width), Int32(height), Int32(pixel.count), VIPS_FORMAT_UCHAR)
            else { return -1 }
            defer { g_object_unref(UnsafeMutableRawPointer(image)) }
            image.pointee.`Type` = VIPS_INTERPRETATION_sRGB
            return shim_vips_pngsave(image, url.path)
        }
        XCTAssertEqual(status, 0, "PNG fixture not written: \(PreviewVips.takeError())", file: file, line: line)
        return url
    }
}
