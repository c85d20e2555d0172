import AssetScoreCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where commands write: human text (sanitised) or JSON, to stdout; diagnostics to stderr.
public final class Output: @unchecked Sendable {
    public var json: Bool
    private let out: FileHandle
    private let err: FileHandle
    public let isTerminal: Bool
    private var buffer = ""

    public init(json: Bool = false, out: FileHandle = .standardOutput, err: FileHandle = .standardError) {
        self.json = json
        self.out = out
        self.err = err
        isTerminal = isatty(out.fileDescriptor) == 1
    }

    /// Prints a line of program text; interpolate untrusted values through `safe` / `SafeText`.
    public func line(_ text: String = "") {
        buffer += text
        buffer += "\n"
        if buffer.utf8.count > 64 * 1024 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        out.write(Data(buffer.utf8))
        buffer = ""
    }

    public func warn(_ text: String) {
        flush()
        err.write(Data((text + "\n").utf8))
    }

    /// A one-line progress display on stderr, only when stderr is a terminal.
    public func progress(_ text: String) {
        guard isatty(err.fileDescriptor) == 1 else { return }
        err.write(Data(("\r\u{1B}[2K" + DisplayWidth.fit(SafeText.display(text), 78)).utf8))
    }

    public func endProgress() {
        guard isatty(err.fileDescriptor) == 1 else { return }
        err.write(Data("\r\u{1B}[2K".utf8))
    }

    public func emit<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        line(SafeText.jsonSafe(String(decoding: data, as: UTF8.self)))
    }

    /// A left-aligned table; every cell is sanitised and clipped to `maxWidth` columns.
    public func table(_ header: [String], _ rows: [[String]], maxWidth: Int = 48) {
        let cells = rows.map { $0.map { SafeText.display($0) } }
        var widths = header.map { DisplayWidth.of($0) }
        for row in cells {
            for (i, c) in row.enumerated() where i < widths.count {
                widths[i] = min(maxWidth, max(widths[i], DisplayWidth.of(c)))
            }
        }
        func render(_ row: [String]) -> String {
            row.enumerated().map { i, c in
                i == row.count - 1 ? DisplayWidth.fit(c, min(widths[i], maxWidth)).trimmingTrailingSpaces : DisplayWidth.fit(c, widths[i])
            }
            .joined(separator: "  ")
        }
        line(render(header))
        line(render(widths.map { String(repeating: "-", count: $0) }))
        for row in cells { line(render(row)) }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// Sanitises untrusted text for human output.
@inline(__always) func safe(_ text: String) -> String { SafeText.display(text) }
@inline(__always) func safe(_ text: String?) -> String { text.map(SafeText.display) ?? "-" }

/// Formats a number with up to `digits` decimals, no trailing noise.
func fmt(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
func pct(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
