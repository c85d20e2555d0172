import AssetScoreCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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

    /// True when rows go to a terminal: cells are then sanitised like any other human output
    /// (a file or a pipe gets the data exactly as stored).
    private let toTerminal: Bool

    init(path: String?) throws {
        if let path, path != "-" {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw CSVWriteError(path: path, message: "is a folder; give a file name")
            }
            let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
            guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
                throw CSVWriteError(path: path, message: "cannot create a file in \(url.deletingLastPathComponent().path)")
            }
            handle = try FileHandle(forWritingTo: temp)
            finalURL = url
            tempURL = temp
            toTerminal = false
        } else {
            handle = .standardOutput
            finalURL = nil
            tempURL = nil
            toTerminal = isatty(STDOUT_FILENO) == 1
        }
    }

    func row(_ cells: [String]) {
        let safe = toTerminal ? cells.map { SafeText.display($0) } : cells
        buffer += format.line(safe.map(Self.defuse))
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
        // rename(2) replaces a file atomically and refuses to replace a folder.
        guard rename(tempURL.path, finalURL.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tempURL)
            throw CSVWriteError(path: finalURL.path, message: "cannot write: \(reason)")
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
