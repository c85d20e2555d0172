import Foundation

/// Why the embedded analyser could not analyse a file.
///
/// The description always starts with the file's name so a failed asset's reason can be shown
/// as it is ("hero.png: not a supported image (starts with 3c 68 74 6d)").
public struct AnalyserError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    public enum Kind: String, Sendable, Hashable {
        /// The file could not be opened or read.
        case unreadable
        /// The bytes are not one of the supported image types.
        case unsupportedType
        /// The file is larger than the configured byte limit.
        case fileTooLarge
        /// The declared canvas has more pixels than the configured limit (a decompression bomb).
        case tooManyPixels
        /// Smaller than any creative: a tracking pixel or spacer, not something to score.
        case tooSmall
        /// The decoder failed: truncated or corrupt data.
        case decodeFailed
        /// The sidecar JSON beside the image is malformed.
        case invalidSidecar
        /// The OCR engine could not be started (missing traineddata).
        case ocrUnavailable
    }

    public var kind: Kind
    /// The file the error is about (the image, or its sidecar), as a path.
    public var file: String
    public var reason: String

    public init(_ kind: Kind, file: String, reason: String) {
        self.kind = kind
        self.file = file
        self.reason = reason
    }

    public var description: String { "\((file as NSString).lastPathComponent): \(reason)" }
    public var errorDescription: String? { description }
}
