import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads one HTTP/1.1 request from a socket: head up to the blank line, then a Content-Length
/// or chunked body. Enough for what libcurl sends; nil on anything else.
struct HTTPRequestReader {
    let fd: Int32
    private static let maxHead = 1 << 20

    func read() -> RecordedRequest? {
        var buffer = Data()
        let separator = Data("\r\n\r\n".utf8)
        var headEnd: Range<Data.Index>?
        while headEnd == nil {
            guard buffer.count < Self.maxHead, receive(into: &buffer) else { return nil }
            headEnd = buffer.range(of: separator)
        }
        let head = String(decoding: buffer[..<headEnd!.lowerBound], as: UTF8.self)
        var rest = Data(buffer[headEnd!.upperBound...])
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", maxSplits: 2).map(String.init)
        guard requestLine.count == 3 else { return nil }
        var headers: [(String, String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name }?.1 }
        var body = Data()
        if let length = header("content-length").flatMap(Int.init) {
            while rest.count < length {
                guard receive(into: &rest) else { return nil }
            }
            body = rest.prefix(length)
        } else if header("transfer-encoding")?.lowercased() == "chunked" {
            guard let decoded = readChunked(&rest) else { return nil }
            body = decoded
        }
        return RecordedRequest(method: requestLine[0], target: requestLine[1], version: requestLine[2], headers: headers, body: body)
    }

    private func readChunked(_ data: inout Data) -> Data? {
        var body = Data()
        let crlf = Data("\r\n".utf8)
        while true {
            var lineEnd = data.range(of: crlf)
            while lineEnd == nil {
                guard receive(into: &data) else { return nil }
                lineEnd = data.range(of: crlf)
            }
            let sizeText = String(decoding: data[..<lineEnd!.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
            data = Data(data[lineEnd!.upperBound...])
            while data.count < size + 2 {
                guard receive(into: &data) else { return nil }
            }
            if size == 0 { return body }
            body.append(data.prefix(size))
            data = Data(data.dropFirst(size + 2))
        }
    }

    private func receive(into buffer: inout Data) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }
}
