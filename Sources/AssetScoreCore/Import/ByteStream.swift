import Foundation

/// Bytes of a file or buffer, read in fixed-size chunks with one-byte look-ahead.
///
/// The text importers parse bytes rather than decoded text: every structural character they
/// need (quote, delimiter, CR, LF, braces) is ASCII, and UTF-8 never uses ASCII bytes inside a
/// multi-byte sequence, so splitting on bytes is exact and lets invalid UTF-8 be reported with
/// its line instead of failing the whole decode.
final class ByteStream {
    private enum Source {
        case file(FileHandle)
        case data(Data, offset: Int)
    }

    let name: String
    private var source: Source
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    private let ownsHandle: Bool

    init(fileHandle: FileHandle, name: String, chunkSize: Int = 65_536, closeWhenDone: Bool) {
        self.name = name
        source = .file(fileHandle)
        self.chunkSize = max(1, chunkSize)
        ownsHandle = closeWhenDone
    }

    init(data: Data, name: String, chunkSize: Int = 65_536) {
        self.name = name
        source = .data(data, offset: 0)
        self.chunkSize = max(1, chunkSize)
        ownsHandle = false
    }

    /// Opens a file for reading, with an error that names it when that fails.
    static func open(_ url: URL, name: String, chunkSize: Int = 65_536) throws -> ByteStream {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            return ByteStream(fileHandle: handle, name: name, chunkSize: chunkSize, closeWhenDone: true)
        } catch {
            throw ImportError(file: name, message: "cannot open file: \(error.localizedDescription)")
        }
    }

    deinit {
        if ownsHandle, case .file(let handle) = source { try? handle.close() }
    }

    /// Reads the next chunk; false when the source is exhausted.
    private func loadChunk() throws -> Bool {
        if exhausted { return false }
        let chunk: [UInt8]
        switch source {
        case .file(let handle):
            do {
                chunk = [UInt8](try handle.read(upToCount: chunkSize) ?? Data())
            } catch {
                throw ImportError(file: name, message: "read failed: \(error.localizedDescription)")
            }
        case .data(let data, let offset):
            let end = min(data.count, offset + chunkSize)
            chunk = [UInt8](data[(data.startIndex + offset)..<(data.startIndex + end)])
            source = .data(data, offset: end)
        }
        if chunk.isEmpty {
            exhausted = true
            return false
        }
        if position >= buffer.count {
            buffer = chunk
            position = 0
        } else {
            // Keep unread bytes so look-ahead can span a chunk boundary.
            buffer.removeFirst(position)
            position = 0
            buffer.append(contentsOf: chunk)
        }
        return true
    }

    /// The byte `offset` places ahead of the read position, without consuming it.
    func peek(_ offset: Int = 0) throws -> UInt8? {
        while position + offset >= buffer.count {
            if try !loadChunk() { return nil }
        }
        return buffer[position + offset]
    }

    func next() throws -> UInt8? {
        if position >= buffer.count, try !loadChunk() { return nil }
        let byte = buffer[position]
        position += 1
        return byte
    }

    /// Skips a UTF-8 byte-order mark and refuses UTF-16/32 text, which would otherwise be
    /// reported as a confusing invalid-UTF-8 error on line 1.
    func skipByteOrderMark() throws {
        let b0 = try peek(0), b1 = try peek(1)
        if b0 == 0xEF, b1 == 0xBB, try peek(2) == 0xBF {
            position += 3
        } else if (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) {
            throw ImportError(file: name, line: 1, message: "file is UTF-16 encoded; save it as UTF-8")
        }
    }
}
