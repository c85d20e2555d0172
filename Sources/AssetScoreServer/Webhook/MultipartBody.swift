import Foundation

/// A minimal multipart/form-data reader (RFC 7578) for webhook uploads.
///
/// The whole body is in memory already (it was needed whole for the signature), so parts are
/// found by searching for the boundary; only `name` and `filename` of Content-Disposition are read.
enum MultipartBody {
    struct Part {
        var name: String
        var filename: String?
        var body: Data
    }

    static func boundary(_ contentType: String) -> String? {
        for param in contentType.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0].lowercased() == "boundary" {
                let b = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return b.isEmpty || b.count > 70 ? nil : b
            }
        }
        return nil
    }

    static func parts(_ body: Data, boundary: String) throws -> [Part] {
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var parts: [Part] = []
        guard var cursor = body.range(of: delimiter)?.upperBound else {
            throw APIError.badRequest("the multipart body does not contain its boundary")
        }
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { return parts }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { throw APIError.badRequest("malformed multipart delimiter") }
            cursor += 2
            guard let headEnd = body.range(of: headerEnd, in: cursor..<body.endIndex) else {
                throw APIError.badRequest("a multipart part has no end of headers")
            }
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headEnd.upperBound..<body.endIndex) else {
                throw APIError.badRequest("the multipart body is not closed by its boundary")
            }
            let headers = String(decoding: body[cursor..<headEnd.lowerBound], as: UTF8.self)
            var name = ""
            var filename: String?
            for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = parameter("name", in: line) ?? ""
                filename = parameter("filename", in: line)
            }
            parts.append(Part(name: name, filename: filename, body: Data(body[headEnd.upperBound..<next.lowerBound])))
            cursor = next.upperBound
            if parts.count > 20 { throw APIError.badRequest("more than 20 multipart parts") }
        }
    }

    static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0].lowercased() == key { return kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }
}
