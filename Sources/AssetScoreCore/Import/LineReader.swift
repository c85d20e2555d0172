import Foundation

/// Streams the lines of a UTF-8 text file with their 1-based numbers (for JSON Lines).
final class LineReader {
    let name: String
    private let stream: ByteStream
    private var nextLine = 1

    init(stream: ByteStream) throws {
        self.stream = stream
        name = stream.name
        try stream.skipByteOrderMark()
    }

    /// The next line without its line end (LF, CRLF or CR), or nil at the end of the file.
    func next() throws -> (text: String, line: Int)? {
        guard try stream.peek() != nil else { return nil }
        var bytes: [UInt8] = []
        let number = nextLine
        while let byte = try stream.next() {
            if byte == 0x0A { break }
            if byte == 0x0D {
                if try stream.peek() == 0x0A { _ = try stream.next() }
                break
            }
            bytes.append(byte)
        }
        nextLine += 1
        switch UTF8Text.decode(bytes) {
        case .success(let text): return (text, number)
        case .failure(let bad): throw ImportError(file: name, line: number, message: bad.message)
        }
    }
}
