import CVips
import Foundation

/// Opens an image safely: checks size, type and declared pixels first, then decodes only
/// small thumbnails.
///
/// Decoding goes through `vips_thumbnail`, which shrinks while loading (JPEG DCT scaling,
/// WebP scaled decode), applies the EXIF orientation, converts through the embedded ICC
/// profile (or libvips's fallbacks for untagged RGB and CMYK) to sRGB, and loads only the
/// first frame of animations. Loaders run with fail-on=error, so a truncated file fails
/// instead of yielding a half-grey picture.
struct ImageLoader {
    var configuration: AnalyserConfiguration

    /// What is known about a file after its headers were read and checked.
    struct Header {
        var type: ImageType
        var byteSize: Int64
        /// Displayed size: after the EXIF orientation is applied.
        var width: Int
        var height: Int
        var pages: Int
        var orientation: Int
        var hasICCProfile: Bool
        var interpretation: String
        var metadata: EmbeddedMetadata
    }

    /// Bytes read ahead for sniffing and for the GIF frame walk.
    private static let headLength = 256 * 1024

    func readHeader(of file: URL) throws -> Header {
        let path = file.path
        let byteSize = try fileSize(of: file)
        guard byteSize <= configuration.maxFileBytes else {
            throw AnalyserError(
                .fileTooLarge, file: path,
                reason: "file is \(Self.megabytes(byteSize)), over the limit of \(Self.megabytes(configuration.maxFileBytes))")
        }
        guard byteSize > 0 else { throw AnalyserError(.unsupportedType, file: path, reason: "empty file") }
        let head = try readHead(of: file)
        guard let type = ImageType.sniff(head) else {
            throw AnalyserError(
                .unsupportedType, file: path,
                reason: "not a supported image (starts with \(ImageType.hexPreview(head))); expected JPEG, PNG, WebP, GIF or TIFF")
        }
        let declared = DeclaredSize.largest(in: head, type: type)
        if let declared, declared.pixels > configuration.maxPixels {
            throw pixelLimitError(path, declared.width, declared.height)
        }
        if type == .png && declared == nil {
            // libvips reports nothing for this case; say what is wrong.
            let reason =
                head.count < 24
                ? "truncated PNG data (the file ends inside the header)" : "corrupt PNG header (the first chunk is not IHDR)"
            throw AnalyserError(.decodeFailed, file: path, reason: reason)
        }

        try VipsRuntime.ensureStarted(for: file)
        guard let raw = shim_vips_open_header(path) else {
            throw decodeError(path, type: type, message: VipsRuntime.takeError(), stage: "header")
        }
        let header = VipsImageHandle(raw)
        let orientation = header.int("orientation") ?? 1
        let swap = (5...8).contains(orientation)
        let width = swap ? header.height : header.width
        let height = swap ? header.width : header.height
        guard width > 0, height > 0 else {
            throw AnalyserError(.decodeFailed, file: path, reason: "corrupt \(type.displayName) header (size \(width)x\(height))")
        }
        guard width * height <= configuration.maxPixels else { throw pixelLimitError(path, width, height) }
        if let loader = header.string("vips-loader"), !loader.hasPrefix(Self.loaderPrefix(type)) {
            throw AnalyserError(
                .unsupportedType, file: path,
                reason: "starts like \(type.displayName) but libvips reads it with \(loader)")
        }
        let interpretation = vips_enum_nick(vips_interpretation_get_type(), Int32(vips_image_get_interpretation(header.pointer).rawValue))
        return Header(
            type: type, byteSize: byteSize, width: width, height: height, pages: header.int("n-pages") ?? 1,
            orientation: orientation, hasICCProfile: header.has("icc-profile-data"),
            interpretation: interpretation.map { String(cString: $0) } ?? "unknown",
            metadata: EmbeddedMetadata(header: header))
    }

    /// sRGB (+ alpha) pixels, the longest side at most `side` (never enlarged).
    func colorThumbnail(of file: URL, type: ImageType, side: Int) throws -> PixelBuffer {
        try thumbnail(of: file, type: type, side: side, upscale: false, grey: false)
    }

    /// One-band grey pixels for OCR, transparency flattened onto white.
    func greyThumbnail(of file: URL, type: ImageType, side: Int) throws -> PixelBuffer {
        try thumbnail(of: file, type: type, side: side, upscale: true, grey: true)
    }

    private func thumbnail(of file: URL, type: ImageType, side: Int, upscale: Bool, grey: Bool) throws -> PixelBuffer {
        let path = file.path
        func check(_ result: Result<VipsImageHandle, VipsFailure>) throws -> VipsImageHandle {
            switch result {
            case .success(let image): return image
            case .failure(let failure): throw decodeError(path, type: type, message: failure.message, stage: "pixels")
            }
        }
        var image = try check(VipsImageHandle.make { shim_vips_thumbnail(path, $0, Int32(side), upscale ? 1 : 0) })
        if grey {
            if image.hasAlpha {
                let source = image
                image = try check(VipsImageHandle.make { shim_vips_flatten_white(source.pointer, $0) })
            }
            let source = image
            image = try check(VipsImageHandle.make { shim_vips_colourspace(source.pointer, $0, VIPS_INTERPRETATION_B_W) })
        } else {
            let source = image
            image = try check(VipsImageHandle.make { shim_vips_colourspace(source.pointer, $0, VIPS_INTERPRETATION_sRGB) })
        }
        let source = image
        image = try check(VipsImageHandle.make { shim_vips_cast(source.pointer, $0, VIPS_FORMAT_UCHAR) })

        let bytes: [UInt8]
        switch image.pixelBytes() {
        case .success(let pixels): bytes = pixels
        case .failure(let failure): throw decodeError(path, type: type, message: failure.message, stage: "pixels")
        }
        let (width, height, bands) = (image.width, image.height, image.bands)
        guard width > 0, height > 0, bands > 0, bytes.count == width * height * bands else {
            throw AnalyserError(.decodeFailed, file: path, reason: "libvips returned an inconsistent \(width)x\(height)x\(bands) image")
        }
        return Self.keepColorAndAlpha(PixelBuffer(width: width, height: height, bands: bands, bytes: bytes), grey: grey)
    }

    /// Reduces unusual band counts to the 1, 3 or 4 bands the statistics expect: grey keeps
    /// band 0; colour widens grey (+ alpha) to RGB (+ alpha) and drops bands after the alpha.
    private static func keepColorAndAlpha(_ buffer: PixelBuffer, grey: Bool) -> PixelBuffer {
        let outBands: Int
        if grey {
            outBands = 1
        } else {
            switch buffer.bands {
            case 2, 4...: outBands = 4
            default: outBands = 3
            }
        }
        if outBands == buffer.bands { return buffer }
        var out = [UInt8](repeating: 255, count: buffer.pixelCount * outBands)
        for p in 0..<buffer.pixelCount {
            let src = p * buffer.bands
            let dst = p * outBands
            if outBands == 1 {
                out[dst] = buffer.bytes[src]
            } else if buffer.bands <= 2 {
                out[dst] = buffer.bytes[src]
                out[dst + 1] = buffer.bytes[src]
                out[dst + 2] = buffer.bytes[src]
                if buffer.bands == 2 { out[dst + 3] = buffer.bytes[src + 1] }
            } else {
                for c in 0..<outBands { out[dst + c] = buffer.bytes[src + c] }
            }
        }
        return PixelBuffer(width: buffer.width, height: buffer.height, bands: outBands, bytes: out)
    }

    private func fileSize(of file: URL) throws -> Int64 {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
                throw AnalyserError(.unreadable, file: file.path, reason: "not a regular file")
            }
            return (attributes[.size] as? NSNumber)?.int64Value ?? 0
        } catch let error as AnalyserError {
            throw error
        } catch {
            throw AnalyserError(.unreadable, file: file.path, reason: "cannot read file (\(Self.describe(error)))")
        }
    }

    private func readHead(of file: URL) throws -> [UInt8] {
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            return [UInt8](try handle.read(upToCount: Self.headLength) ?? Data())
        } catch {
            throw AnalyserError(.unreadable, file: file.path, reason: "cannot read file (\(Self.describe(error)))")
        }
    }

    private func pixelLimitError(_ path: String, _ width: Int, _ height: Int) -> AnalyserError {
        let megapixels = Double(width) * Double(height) / 1_000_000
        let limit = Double(configuration.maxPixels) / 1_000_000
        return AnalyserError(
            .tooManyPixels, file: path,
            reason: String(
                format: "declares %dx%d pixels (%.1f MP), over the limit of %.1f MP; refused before decoding",
                width, height, megapixels, limit))
    }

    /// Turns libvips's error text into "truncated JPEG data (...)" or "corrupt PNG data (...)".
    private func decodeError(_ path: String, type: ImageType, message: String, stage: String) -> AnalyserError {
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var unique: [String] = []
        for line in lines where !unique.contains(line) { unique.append(line) }
        let lowered = message.lowercased()
        let truncationMarkers = ["premature end", "truncated", "unexpected end", "not enough data", "read error", "end of file"]
        let what: String
        if truncationMarkers.contains(where: lowered.contains) {
            what = "truncated \(type.displayName) data"
        } else if stage == "header" {
            what = "corrupt \(type.displayName) header"
        } else {
            what = "corrupt \(type.displayName) data"
        }
        let detail = unique.isEmpty ? "libvips gave no detail" : String(unique.suffix(2).joined(separator: "; ").prefix(240))
        return AnalyserError(.decodeFailed, file: path, reason: "\(what) (\(detail))")
    }

    private static func loaderPrefix(_ type: ImageType) -> String {
        switch type {
        case .jpeg: "jpegload"
        case .png: "pngload"
        case .webp: "webpload"
        case .gif: "gifload"
        case .tiff: "tiffload"
        }
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    private static func describe(_ error: Error) -> String {
        (error as NSError).localizedDescription
    }
}
