import Foundation

/// Text made fit for a one-line field: sanitised like everything on screen (newlines become spaces).
enum SafeLine {
    static func of(_ text: String) -> String {
        ScreenBuffer.cells(for: text, role: .normal).map(\.character).reduce(into: "") { $0.append($1) }
    }
}
