import AssetScoreCore
import Foundation

/// Writes an export as CSV (the core's `CSVWriter` format, CRLF) to a file atomically (a temporary file renamed into place when complete),
/// or to standard output.
///
/// Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) get a
/// leading apostrophe, the usual defence against CSV injection when an export is opened in Excel.
final class CSVExportFile {
    private let handle: FileHandle
    private let finalURL: URL?
    private let tempURL: URL?
    private var buffer = ""
    private let format = CSVWriter(lineEnding: "\r\n")

    init(path: String?) throws {
        if let path, path != "-" {
            let url = URL(fileURLWithPath: path)
            let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
            guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
                throw CSVWriteError(path: path, message: "cannot create file")
            }
            handle = try FileHandle(forWritingTo: temp)
            finalURL = url
            tempURL = temp
        } else {
            handle = .standardOutput
            finalURL = nil
            tempURL = nil
        }
    }

    func row(_ cells: [String]) {
        buffer += format.line(cells.map(Self.defuse))
        if buffer.utf8.count > 256 * 1024 { flushBuffer() }
    }

    /// Prefixes an apostrophe to a text cell a spreadsheet would run as a formula.
    static func defuse(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(Character(first)), Double(cell) == nil
        else { return cell }
        return "'" + cell
    }

    private func flushBuffer() {
        handle.write(Data(buffer.utf8))
        buffer = ""
    }

    /// Completes the file (rename into place). Without `finish`, `abandon` removes the partial file.
    func finish() throws {
        flushBuffer()
        guard let finalURL, let tempURL else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: finalURL.path) {
            _ = try FileManager.default.replaceItemAt(finalURL, withItemAt: tempURL)
        } else {
            try FileManager.default.moveItem(at: tempURL, to: finalURL)
        }
    }

    func abandon() {
        guard let tempURL else { return }
        try? handle.close()
        try? FileManager.default.removeItem(at: tempURL)
    }
}

struct CSVWriteError: Error, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "\(path): \(message)" }
}
