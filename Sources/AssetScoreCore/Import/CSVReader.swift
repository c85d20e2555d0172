import Foundation

/// A streaming RFC 4180 reader: records come one at a time from fixed-size chunks, so a
/// file of any size is read in constant memory (apart from the longest record).
///
/// Beyond RFC 4180 it accepts what real exports contain: a UTF-8 byte-order mark, LF or CR
/// line ends as well as CRLF, semicolon or tab as the delimiter (detected from the header
/// line), blank lines (skipped) and whitespace after a closing quote. It refuses, with the
/// file and line, what would silently corrupt data: invalid UTF-8, an unterminated quoted
/// field, text after a closing quote, duplicate header names and non-empty fields beyond the
/// header's width.
public final class CSVReader {
    /// The name used in error messages.
    public let name: String
    public private(set) var delimiter: CSVDelimiter
    /// Header names as written (trimmed); empty when the reader was created with `hasHeader: false`.
    public private(set) var header: [String] = []
    /// The line the header record started on (0 without a header).
    public private(set) var headerLine = 0

    private let stream: ByteStream
    private var line = 1
    private var columnIndex: [String: Int] = [:]

    private static let quote: UInt8 = 0x22
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let space: UInt8 = 0x20

    /// Opens `url` for streaming. `name` defaults to the file's last path component.
    public convenience init(
        url: URL, name: String? = nil, delimiter: CSVDelimiter? = nil, hasHeader: Bool = true,
        chunkSize: Int = 65_536
    ) throws {
        let display = name ?? url.lastPathComponent
        try self.init(
            stream: ByteStream.open(url, name: display, chunkSize: chunkSize), delimiter: delimiter,
            hasHeader: hasHeader)
    }

    /// Reads from an already open handle; the handle is not closed by the reader.
    public convenience init(
        fileHandle: FileHandle, name: String, delimiter: CSVDelimiter? = nil, hasHeader: Bool = true,
        chunkSize: Int = 65_536
    ) throws {
        let stream = ByteStream(fileHandle: fileHandle, name: name, chunkSize: chunkSize, closeWhenDone: false)
        try self.init(stream: stream, delimiter: delimiter, hasHeader: hasHeader)
    }

    /// Reads from memory, still chunk by chunk (small chunk sizes let tests cross every boundary).
    public convenience init(
        data: Data, name: String, delimiter: CSVDelimiter? = nil, hasHeader: Bool = true, chunkSize: Int = 65_536
    ) throws {
        try self.init(
            stream: ByteStream(data: data, name: name, chunkSize: chunkSize), delimiter: delimiter,
            hasHeader: hasHeader)
    }

    init(stream: ByteStream, delimiter: CSVDelimiter?, hasHeader: Bool) throws {
        self.stream = stream
        name = stream.name
        self.delimiter = .comma
        try stream.skipByteOrderMark()
        self.delimiter = try delimiter ?? detectDelimiter()
        if hasHeader { try readHeader() }
    }

    /// The index of a header column, compared case-insensitively after trimming.
    public func column(_ name: String) -> Int? {
        columnIndex[Self.headerKey(name)]
    }

    /// An error located in this file.
    public func error(line: Int?, _ message: String) -> ImportError {
        ImportError(file: name, line: line, message: message)
    }

    /// The next non-blank record, or nil at the end of the file.
    public func next() throws -> CSVRecord? {
        while let record = try readRecord() {
            if record.fields.count == 1, record.fields[0].isEmpty { continue }
            if !header.isEmpty, record.fields.count > header.count {
                let extra = record.fields[header.count...]
                if extra.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    throw error(
                        line: record.line,
                        "record has \(record.fields.count) fields but the header has \(header.count)")
                }
                return CSVRecord(fields: Array(record.fields[..<header.count]), line: record.line)
            }
            return record
        }
        return nil
    }

    /// Calls `body` for each remaining record.
    public func forEach(_ body: (CSVRecord) throws -> Void) throws {
        while let record = try next() { try body(record) }
    }

    static func headerKey(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    private func readHeader() throws {
        guard let record = try next() else {
            throw error(line: nil, "file is empty (expected a header line)")
        }
        header = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        headerLine = record.line
        for (i, column) in header.enumerated() where !column.isEmpty {
            let key = Self.headerKey(column)
            if let first = columnIndex[key] {
                throw error(
                    line: record.line,
                    "duplicate column name \"\(column)\" (columns \(first + 1) and \(i + 1))")
            }
            columnIndex[key] = i
        }
    }

    /// Picks the candidate that occurs most often outside quotes on the first line; comma wins
    /// ties and single-column files.
    private func detectDelimiter() throws -> CSVDelimiter {
        var counts: [CSVDelimiter: Int] = [:]
        var inQuotes = false
        var offset = 0
        while let byte = try stream.peek(offset) {
            offset += 1
            if byte == Self.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == Self.lf || byte == Self.cr { break }
                if let d = CSVDelimiter(rawValue: byte) { counts[d, default: 0] += 1 }
            }
        }
        var best = CSVDelimiter.comma
        for d in [CSVDelimiter.semicolon, .tab] where counts[d, default: 0] > counts[best, default: 0] {
            best = d
        }
        return best
    }

    private enum State { case fieldStart, unquoted, quoted, afterQuote }

    /// Parses one physical record (which may span lines through quoted newlines).
    private func readRecord() throws -> CSVRecord? {
        guard try stream.peek() != nil else { return nil }
        let recordLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var fieldLine = line
        var state = State.fieldStart
        let delim = delimiter.rawValue

        func finishField() throws {
            switch UTF8Text.decode(field) {
            case .success(let text): fields.append(text)
            case .failure(let bad):
                throw error(line: fieldLine + bad.newlinesBefore, bad.message)
            }
            field.removeAll(keepingCapacity: true)
            state = .fieldStart
            fieldLine = line
        }

        while true {
            guard let byte = try stream.next() else {
                if state == .quoted {
                    throw error(line: fieldLine, "unterminated quoted field")
                }
                try finishField()
                return CSVRecord(fields: fields, line: recordLine)
            }
            switch state {
            case .fieldStart, .unquoted:
                if byte == delim {
                    try finishField()
                } else if byte == Self.lf || byte == Self.cr {
                    try endLine(after: byte)
                    try finishField()
                    return CSVRecord(fields: fields, line: recordLine)
                } else if byte == Self.quote && state == .fieldStart {
                    state = .quoted
                    fieldLine = line
                } else {
                    // A quote inside an unquoted field (5'10") is kept as text, as most readers do.
                    field.append(byte)
                    state = .unquoted
                }
            case .quoted:
                if byte == Self.quote {
                    state = .afterQuote
                } else {
                    field.append(byte)
                    if byte == Self.lf {
                        line += 1
                    } else if byte == Self.cr, try stream.peek() != Self.lf {
                        line += 1
                    }
                }
            case .afterQuote:
                if byte == Self.quote {
                    field.append(Self.quote)
                    state = .quoted
                } else if byte == delim {
                    try finishField()
                } else if byte == Self.lf || byte == Self.cr {
                    try endLine(after: byte)
                    try finishField()
                    return CSVRecord(fields: fields, line: recordLine)
                } else if byte == Self.space || byte == CSVDelimiter.tab.rawValue {
                    continue
                } else {
                    let shown = byte < 0x80 ? "\"\(Character(Unicode.Scalar(byte)))\"" : "a non-ASCII byte"
                    throw error(
                        line: line,
                        "unexpected \(shown) after the closing quote of field \(fields.count + 1); a quote inside a quoted field must be doubled"
                    )
                }
            }
        }
    }

    /// Consumes the LF of a CRLF pair and counts the line.
    private func endLine(after byte: UInt8) throws {
        if byte == Self.cr, try stream.peek() == Self.lf { _ = try stream.next() }
        line += 1
    }
}
