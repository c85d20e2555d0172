import Foundation

/// Several problems found in one file; the whole file was rejected.
///
/// Validation reports every problem at once, so a person can fix a dictionary file in one
/// go instead of meeting its errors one run at a time.
public struct ImportErrorList: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    public var file: String
    /// In file order (by line, then path) when locations are known.
    public var errors: [ImportError]

    public init(file: String, errors: [ImportError]) {
        self.file = file
        self.errors = errors
    }

    public var description: String {
        let noun = errors.count == 1 ? "error" : "errors"
        var lines = ["\(file): \(errors.count) \(noun); nothing was imported"]
        lines += errors.map { "  " + $0.description }
        return lines.joined(separator: "\n")
    }

    public var errorDescription: String? { description }
}
