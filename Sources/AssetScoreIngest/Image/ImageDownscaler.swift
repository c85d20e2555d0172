import CVips
import Foundation

/// An image re-encoded for sending to a model: at most `maxSide` pixels on the long side.
public struct DownscaledImage: Sendable {
    public var data: Data
    /// "image/jpeg", or "image/png" when the source has transparency.
    public var mediaType: String
    /// The size sent.
    public var width: Int
    public var height: Int
    /// The displayed size of the original (EXIF orientation applied).
    public var originalWidth: Int
    public var originalHeight: Int
    public var originalType: ImageType
    public var hasAlpha: Bool
}

/// Shrinks and re-encodes an image before it goes to a model provider.
///
/// Providers bill by image size and scale large images down anyway, so sending the original
/// costs upload time and makes the cost depend on the file. The same checks as the analyser
/// run first (signature, file size, declared pixels), so a decompression bomb is refused here
/// too. JPEG keeps the payload small; PNG keeps transparency, which JPEG would turn black.
/// Metadata is stripped: EXIF and XMP stay home.
public enum ImageDownscaler {
    public static func downscale(file: URL, maxSide: Int, configuration: AnalyserConfiguration = AnalyserConfiguration(), jpegQuality: Int = 85)
        throws -> DownscaledImage
    {
        let loader = ImageLoader(configuration: configuration)
        let header = try loader.readHeader(of: file)
        let path = file.path
        func check(_ result: Result<VipsImageHandle, VipsFailure>) throws -> VipsImageHandle {
            switch result {
            case .success(let image): return image
            case .failure(let failure):
                throw AnalyserError(.decodeFailed, file: path, reason: "cannot downscale \(header.type.displayName) (\(failure.message))")
            }
        }
        var image = try check(VipsImageHandle.make { shim_vips_thumbnail(path, $0, Int32(max(1, maxSide)), 0) })
        let thumbnail = image
        image = try check(VipsImageHandle.make { shim_vips_colourspace(thumbnail.pointer, $0, VIPS_INTERPRETATION_sRGB) })
        let converted = image
        image = try check(VipsImageHandle.make { shim_vips_cast(converted.pointer, $0, VIPS_FORMAT_UCHAR) })

        let alpha = image.hasAlpha
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status =
            alpha
            ? shim_vips_pngsave_buffer(image.pointer, &buffer, &length)
            : shim_vips_jpegsave_buffer(image.pointer, &buffer, &length, Int32(jpegQuality))
        guard status == 0, let buffer else {
            throw AnalyserError(.decodeFailed, file: path, reason: "cannot encode the downscaled image (\(VipsRuntime.takeError()))")
        }
        defer { g_free(buffer) }
        return DownscaledImage(
            data: Data(bytes: buffer, count: length), mediaType: alpha ? "image/png" : "image/jpeg", width: image.width,
            height: image.height, originalWidth: header.width, originalHeight: header.height, originalType: header.type, hasAlpha: alpha)
    }
}
