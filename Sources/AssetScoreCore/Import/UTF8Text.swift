import Foundation

/// Decoding of byte runs with the location of the first invalid sequence.
enum UTF8Text {
    /// Decodes `bytes`, or returns how many line breaks precede the first invalid byte so the
    /// caller can name the exact line.
    static func decode(_ bytes: [UInt8]) -> Result<String, InvalidUTF8> {
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var newlines = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            // A lone CR ends a line too, matching how the readers count lines.
            if scalar == "\n" || (scalar == "\r" && (offset + 1 >= bytes.count || bytes[offset + 1] != 0x0A)) {
                newlines += 1
            }
            offset += UTF8.width(scalar)
        }
        return .failure(InvalidUTF8(byteOffset: offset, newlinesBefore: newlines, byte: bytes[min(offset, bytes.count - 1)]))
    }

    struct InvalidUTF8: Error {
        var byteOffset: Int
        var newlinesBefore: Int
        var byte: UInt8

        var message: String {
            "invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); save the file as UTF-8"
        }
    }
}
