import Foundation

/// The file formats a dictionary can be read from and written to.
public enum DictionaryFileFormat: String, Sendable, Hashable, CaseIterable {
    case json
    case csv

    /// Guesses from the file extension (`.json`, `.csv`; `.tsv` and `.txt` read as CSV with
    /// delimiter detection).
    public init?(url: URL) {
        switch url.pathExtension.lowercased() {
        case "json": self = .json
        case "csv", "tsv", "txt": self = .csv
        default: return nil
        }
    }
}

extension DictionaryDocument {
    /// Reads and validates a dictionary file in either format.
    ///
    /// JSON is read whole (dictionaries are small and JSON needs the whole text to be checked);
    /// CSV is streamed.
    public static func read(
        url: URL, format: DictionaryFileFormat? = nil, name: String? = nil,
        existing: AttributeDictionary = AttributeDictionary()
    ) throws -> DictionaryDocument {
        let display = name ?? url.lastPathComponent
        guard let format = format ?? DictionaryFileFormat(url: url) else {
            throw ImportError(
                file: display, message: "cannot tell the format from the extension; use .json or .csv (or name the format)")
        }
        switch format {
        case .csv:
            return try readCSV(url: url, name: display, existing: existing)
        case .json:
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw ImportError(file: display, message: "cannot read file: \(error.localizedDescription)")
            }
            return try decodeJSON(data, name: display, existing: existing)
        }
    }
}
