import Foundation

/// An image type the analyser accepts, recognised from the file's first bytes.
///
/// The file name's extension is never trusted: libvips would happily open SVG, PDF or
/// ImageMagick formats, so anything that does not start with one of these signatures is
/// refused before a decoder sees it.
public enum ImageType: String, Sendable, Hashable, CaseIterable {
    case jpeg, png, webp, gif, tiff

    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        case .gif: "image/gif"
        case .tiff: "image/tiff"
        }
    }

    /// File-name extensions that announce this type.
    public var fileExtensions: Set<String> {
        switch self {
        case .jpeg: ["jpg", "jpeg", "jpe"]
        case .png: ["png"]
        case .webp: ["webp"]
        case .gif: ["gif"]
        case .tiff: ["tif", "tiff"]
        }
    }

    /// The name used in error messages ("truncated JPEG data").
    public var displayName: String { rawValue.uppercased() }

    /// Bytes needed to recognise every supported type.
    public static let sniffLength = 12

    /// Recognises the type from the magic bytes at the start of a file.
    public static func sniff(_ head: [UInt8]) -> ImageType? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + prefix.count && Array(head[offset..<offset + prefix.count]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        // Classic TIFF (42) and BigTIFF (43), both byte orders.
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
            || starts([0x49, 0x49, 0x2B, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2B])
        {
            return .tiff
        }
        return nil
    }

    /// The first bytes as hex, for "not a supported image (starts with ...)" messages.
    static func hexPreview(_ head: [UInt8], count: Int = 8) -> String {
        head.prefix(count).map { String(format: "%02x", $0) }.joined(separator: " ")
    }
}
