import CVips
import Foundation

/// Decodes just enough of an image for a preview: header checks first, then a shrink-on-load
/// thumbnail in sRGB with the EXIF orientation applied.
///
/// The declared canvas is checked against `maxPixels` from the header alone, before any pixel is
/// decoded, as the ingest loader does: a decompression bomb costs a header read, not gigabytes.
struct PreviewDecoder: Sendable {
    var maxPixels: Int
    var maxFileBytes: Int64

    /// The loaders previews accept: the types the analyser ingests.
    private static let loaders = ["jpegload", "pngload", "webpload", "gifload", "tiffload"]

    /// The displayed size (after EXIF orientation) from the header; throws for refused files.
    func header(of file: URL) throws -> (width: Int, height: Int) {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        } catch {
            throw PreviewError("cannot read the file")
        }
        if let type = attributes[.type] as? FileAttributeType, type != .typeRegular { throw PreviewError("not a regular file") }
        let bytes = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        guard bytes > 0 else { throw PreviewError("empty file") }
        guard bytes <= maxFileBytes else { throw PreviewError("file over \(maxFileBytes / 1_048_576) MB") }
        if let pixels = DeclaredCanvas.largestPixels(in: Self.head(of: file)), pixels > maxPixels {
            throw PreviewError(String(format: "declares %.1f MP, over the %.0f MP limit", Double(pixels) / 1e6, Double(maxPixels) / 1e6))
        }
        if let failure = PreviewVips.startupFailure { throw PreviewError(failure) }

        guard let raw = shim_vips_open_header(file.path) else {
            throw PreviewError("not a readable image (\(PreviewVips.takeError()))")
        }
        let header = VipsImageRef(raw)
        if let loader = header.string("vips-loader"), !Self.loaders.contains(where: loader.hasPrefix) {
            throw PreviewError("unsupported image type (\(loader))")
        }
        let swap = (5...8).contains(header.int("orientation") ?? 1)
        let (width, height) = swap ? (header.height, header.width) : (header.width, header.height)
        guard width > 0, height > 0 else { throw PreviewError("corrupt header (size \(width)x\(height))") }
        guard width * height <= maxPixels else {
            throw PreviewError(
                String(
                    format: "declares %dx%d pixels (%.1f MP), over the %.0f MP limit", width, height,
                    Double(width) * Double(height) / 1e6, Double(maxPixels) / 1e6))
        }
        return (width, height)
    }

    private static func head(of file: URL) -> [UInt8] {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: DeclaredCanvas.headLength)) ?? Data())
    }

    /// sRGB pixels whose longest side is at most `side` (never enlarged), flattened to opaque RGBA.
    func pixels(of file: URL, side: Int) throws -> RGBAImage {
        let path = file.path
        var image = try PreviewVips.make { shim_vips_thumbnail(path, $0, Int32(max(1, side)), 0) }
        let thumb = image
        image = try PreviewVips.make { shim_vips_colourspace(thumb.pointer, $0, VIPS_INTERPRETATION_sRGB) }
        let srgb = image
        image = try PreviewVips.make { shim_vips_cast(srgb.pointer, $0, VIPS_FORMAT_UCHAR) }
        let bytes = try image.pixels()
        // Extra bands after RGBA (rare TIFFs) are dropped by keeping the first four.
        let bands = image.bands
        let kept = min(bands, 4)
        let trimmed = kept == bands ? bytes : stride(from: 0, to: bytes.count, by: bands).flatMap { bytes[$0..<($0 + kept)] }
        guard let rgba = RGBAImage(width: image.width, height: image.height, bands: kept, pixels: trimmed) else {
            throw PreviewError("libvips returned an inconsistent \(image.width)x\(image.height)x\(bands) image")
        }
        return rgba
    }
}
