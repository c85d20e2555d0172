import Foundation

/// JSON as the store writes it: sorted keys (stable text, so equal values compare equal in
/// SQL and diffs of audit rows are readable) and dates in the store's ISO-8601 form.
struct StoreJSON {
    private let encoder: JSONEncoder
    private let decoder: JSONDecoder

    init() {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(StoredDate.text(date))
        }
        decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            return try StoredDate.date(try container.decode(String.self), what: "date in stored JSON")
        }
    }

    func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes stored JSON; `what` names the column and row for the error.
    func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws -> T {
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw StorageError.corrupt("\(what): stored JSON does not decode as \(T.self): \(error)")
        }
    }
}
