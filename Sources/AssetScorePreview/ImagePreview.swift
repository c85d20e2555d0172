import Foundation
import TerminalUI

/// Image previews as terminal cells: libvips decodes a small thumbnail, chafa turns it into
/// symbols with colours, and a file that cannot be shown gets a placeholder instead.
///
/// Never throws and never crashes on bad input: the console draws whatever comes back. Results
/// are cached by (path, size, modification time), so redrawing a screen is free.
public final class ImagePreview: Sendable {
    /// One per process, shared by the console's panes.
    public static let shared = ImagePreview()

    private let decoder: PreviewDecoder
    private let cache: PreviewCache<PreviewResult>
    private let graphicsCache: PreviewCache<[UInt8]?>
    private let background = PreviewBackground()
    /// The largest grid rendered; bigger requests are clipped (a preview is not a viewer).
    static let maxColumns = 400
    static let maxRows = 200

    /// - Parameters:
    ///   - maxPixels: the largest declared canvas decoded (the ingest loader's 100 MP).
    ///   - maxFileBytes: the largest file read at all.
    ///   - cacheSize: how many rendered previews are kept.
    public init(maxPixels: Int = 100_000_000, maxFileBytes: Int64 = 256 * 1_048_576, cacheSize: Int = 64) {
        decoder = PreviewDecoder(maxPixels: maxPixels, maxFileBytes: maxFileBytes)
        cache = PreviewCache(capacity: cacheSize)
        // Pixel payloads are large (tens to hundreds of KB each): keep only a few.
        graphicsCache = PreviewCache(capacity: 8)
    }

    /// The preview of `file` in at most `columns` x `rows` cells (a picture keeps the image's
    /// aspect and may be smaller; a placeholder fills the size).
    public static func render(file: URL, columns: Int, rows: Int) -> PreviewResult {
        shared.render(file: file, columns: columns, rows: rows)
    }

    public func render(file: URL, columns: Int, rows: Int) -> PreviewResult {
        let columns = min(max(0, columns), Self.maxColumns)
        let rows = min(max(0, rows), Self.maxRows)
        guard columns > 0, rows > 0 else { return PreviewResult(cells: [], failure: "no room") }
        let key = Self.key(file, columns: columns, rows: rows)
        if let cached = cache.value(for: key) { return cached }
        let result = decode(file: file, columns: columns, rows: rows)
        cache.store(result, for: key)
        return result
    }

    /// The picture, or the placeholder saying why there is none (sizes already clamped).
    private func decode(file: URL, columns: Int, rows: Int) -> PreviewResult {
        do {
            return PreviewResult(cells: try picture(of: file, columns: columns, rows: rows), failure: nil)
        } catch let error as PreviewError {
            return .placeholder(error.description, columns: columns, rows: rows)
        } catch {
            return .placeholder("\(error)", columns: columns, rows: rows)
        }
    }

    private static func key(_ file: URL, columns: Int, rows: Int, variant: String = "") -> PreviewKey {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        return PreviewKey(
            path: file.standardizedFileURL.path, columns: columns, rows: rows, modified: attributes?[.modificationDate] as? Date,
            bytes: (attributes?[.size] as? NSNumber)?.int64Value, variant: variant)
    }

    /// The escape sequence that draws `file` in exactly `columns` x `rows` cells with `mode`'s
    /// pixel protocol (sixel or kitty), for cells of `cellSize` pixels; nil for `.symbols`, for a
    /// file that cannot be shown (the symbol placeholder stays), or for a size out of range.
    ///
    /// The sequence starts and ends in the ground state and carries no cursor movement of its
    /// own: the terminal backend positions it.
    public func graphic(file: URL, columns: Int, rows: Int, mode: GraphicsMode, cellSize: (width: Int, height: Int)) -> [UInt8]? {
        guard mode != .symbols, (1...Self.maxColumns).contains(columns), (1...Self.maxRows).contains(rows),
            (4...64).contains(cellSize.width), (8...128).contains(cellSize.height)
        else { return nil }
        background.notePixels(mode, cellSize: cellSize)
        let key = Self.key(file, columns: columns, rows: rows, variant: "\(mode.rawValue) \(cellSize.width)x\(cellSize.height)")
        if let cached = graphicsCache.value(for: key) { return cached }
        var payload: [UInt8]?
        do {
            let side = min(2048, max(columns * cellSize.width, rows * cellSize.height))
            let image = try decoder.pixels(of: file, side: side)
            payload = try ChafaRenderer.pixels(for: image, columns: columns, rows: rows, mode: mode, cellSize: cellSize)
        } catch {
            payload = nil
        }
        graphicsCache.store(payload, for: key)
        return payload
    }

    /// The closure a terminal backend takes to draw placements in pixels.
    public var graphicProvider: @Sendable (String, Int, Int, GraphicsMode, (width: Int, height: Int)) -> [UInt8]? {
        { [self] path, columns, rows, mode, cell in graphic(file: URL(fileURLWithPath: path), columns: columns, rows: rows, mode: mode, cellSize: cell) }
    }

    /// The closure the console takes (`ConsoleEnvironment.previewProvider`): path, columns, rows.
    public var provider: @Sendable (String, Int, Int) -> [[Cell]] {
        { [self] path, columns, rows in render(file: URL(fileURLWithPath: path), columns: columns, rows: rows).cells }
    }

    /// The closure the console takes so no decode runs on its input thread: the preview when it
    /// is ready, otherwise a "loading…" grid now and a decode in the background (`renderInBackground`).
    public var backgroundProvider: @Sendable (String, Int, Int) -> [[Cell]] {
        { [self] path, columns, rows in renderInBackground(file: URL(fileURLWithPath: path), columns: columns, rows: rows).cells }
    }

    /// The preview if it is cached; otherwise a "loading…" placeholder at once, while a
    /// background queue decodes it into the cache, so a later call (the next redraw) returns it.
    ///
    /// A terminal drawing pixels (sixel, kitty) gets that variant prepared in the same job,
    /// before the picture shows: the placeholder has no pixel placement, so the terminal asks
    /// for pixels only once they are ready. A file that cannot be shown gets its placeholder the
    /// same way. The key costs one `stat` per call.
    public func renderInBackground(file: URL, columns: Int, rows: Int) -> PreviewResult {
        let columns = min(max(0, columns), Self.maxColumns)
        let rows = min(max(0, rows), Self.maxRows)
        guard columns > 0, rows > 0 else { return PreviewResult(cells: [], failure: "no room") }
        let key = Self.key(file, columns: columns, rows: rows)
        if let cached = cache.value(for: key) { return cached }
        background.enqueue(key) { [self] in
            let result = decode(file: file, columns: columns, rows: rows)
            if !result.isPlaceholder, let pixels = background.lastPixels {
                _ = graphic(file: file, columns: result.columns, rows: result.rows, mode: pixels.mode, cellSize: pixels.cellSize)
            }
            cache.store(result, for: key)
        }
        return .loading(columns: columns, rows: rows)
    }

    /// Whether a background decode for this preview is waiting or running (for tests).
    func isLoading(file: URL, columns: Int, rows: Int) -> Bool {
        background.isQueued(Self.key(file, columns: columns, rows: rows))
    }

    /// Blocks until the background decodes asked for so far are done (tests, benchmarks).
    public func waitForBackgroundDecodes() {
        background.waitUntilIdle()
    }

    /// How many previews are cached (for tests).
    var cachedCount: Int { cache.count }
    var cachedGraphicsCount: Int { graphicsCache.count }

    private func picture(of file: URL, columns: Int, rows: Int) throws -> [[Cell]] {
        let size = try decoder.header(of: file)
        let grid = ChafaRenderer.geometry(width: size.width, height: size.height, columns: columns, rows: rows)
        // chafa samples 8x8 pixels per cell; more would only be thrown away.
        let side = min(2048, max(grid.columns, grid.rows * 2) * 8)
        let image = try decoder.pixels(of: file, side: side)
        return try ChafaRenderer.cells(for: image, columns: grid.columns, rows: grid.rows)
    }
}
