import CVips
import Foundation
import XCTest

@testable import AssetScoreIngest

/// Writes small test images with libvips from pixels built in memory.
enum TestImages {
    /// A scratch directory, removed by the caller's tearDown.
    static func makeDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assetscore-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Builds pixels by calling `pixel(x, y)` for every position; bands 3 (RGB) or 4 (RGBA).
    static func pixels(width: Int, height: Int, bands: Int, _ pixel: (Int, Int) -> [UInt8]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: width * height * bands)
        for y in 0..<height {
            for x in 0..<width {
                let p = pixel(x, y)
                for c in 0..<bands { bytes[(y * width + x) * bands + c] = p[c] }
            }
        }
        return bytes
    }

    /// Saves pixels as PNG, or JPEG / TIFF by the name's extension, optionally with metadata fields.
    static func write(
        _ bytes: [UInt8], width: Int, height: Int, bands: Int, to url: URL,
        blobs: [String: [UInt8]] = [:], ints: [String: Int] = [:], strings: [String: String] = [:]
    ) throws {
        _ = VipsRuntime.startupFailure
        let status: Int32 = bytes.withUnsafeBytes { raw in
            guard
                let image = vips_image_new_from_memory_copy(
                    raw.baseAddress, raw.count, Int32(width), Int32(height), Int32(bands), VIPS_FORMAT_UCHAR)
            else {
                return -1
            }
            defer { g_object_unref(UnsafeMutableRawPointer(image)) }
            image.pointee.`Type` = bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W
            for (name, blob) in blobs {
                blob.withUnsafeBytes { vips_image_set_blob_copy(image, name, $0.baseAddress, $0.count) }
            }
            for (name, value) in ints { vips_image_set_int(image, name, Int32(value)) }
            for (name, value) in strings { vips_image_set_string(image, name, value) }
            switch url.pathExtension.lowercased() {
            case "jpg": return shim_vips_jpegsave(image, url.path)
            case "tif": return shim_vips_tiffsave(image, url.path)
            default: return shim_vips_pngsave(image, url.path)
            }
        }
        if status != 0 {
            throw NSError(domain: "TestImages", code: 1, userInfo: [NSLocalizedDescriptionKey: "save failed: \(VipsRuntime.takeError())"])
        }
    }

    /// Renders black text on a white canvas with a margin and saves it as PNG.
    static func writeText(_ text: String, font: String, to url: URL, margin: Int = 20) throws {
        _ = VipsRuntime.startupFailure
        var out: UnsafeMutablePointer<VipsImage>?
        guard shim_vips_text(&out, text, font, 72) == 0, let mask = out else {
            throw NSError(domain: "TestImages", code: 2, userInfo: [NSLocalizedDescriptionKey: "text failed: \(VipsRuntime.takeError())"])
        }
        let handle = VipsImageHandle(mask)
        guard case .success(let maskBytes) = handle.pixelBytes() else { throw NSError(domain: "TestImages", code: 3) }
        let w = handle.width + 2 * margin, h = handle.height + 2 * margin
        let bytes = pixels(width: w, height: h, bands: 3) { x, y in
            let mx = x - margin, my = y - margin
            guard mx >= 0, my >= 0, mx < handle.width, my < handle.height else { return [255, 255, 255] }
            let v = 255 - maskBytes[my * handle.width + mx]
            return [v, v, v]
        }
        try write(bytes, width: w, height: h, bands: 3, to: url)
    }
}

/// Locates the shared corpus from this file's path: Tests/AssetScoreIngestTests/Support/ -> package root.
enum Corpus {
    static func root() throws -> URL {
        // #filePath inside the body names this file; as a default argument it would name the caller.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let corpus = packageRoot.appendingPathComponent("../shared/corpus").standardizedFileURL
        guard FileManager.default.fileExists(atPath: corpus.path) else {
            throw XCTSkip("../shared/corpus not found: \(corpus.path)")
        }
        return corpus
    }
}
