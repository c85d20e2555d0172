import Foundation

/// Why a file has no preview; its text is what the placeholder shows.
struct PreviewError: Error, Sendable, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
