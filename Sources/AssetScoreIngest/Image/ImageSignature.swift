import Foundation

/// Recognises a supported image from a file's first bytes, without decoding anything.
///
/// Used to tell images from other files while walking folders (a README is skipped, an image
/// with a wrong or missing extension is still ingested).
public enum ImageSignature {
    /// The image type of the file at `url`, or nil when it is not one (or cannot be read).
    public static func sniff(_ url: URL) -> ImageType? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: ImageType.sniffLength) else { return nil }
        return ImageType.sniff([UInt8](head))
    }
}
