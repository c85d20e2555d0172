import Foundation

/// Keeps a user-supplied name printable inside an error message.
enum SafeName {
    static func of(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : Character($0) })
    }
}
