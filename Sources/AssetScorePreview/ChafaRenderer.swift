import CChafa
import Foundation
import TerminalUI

/// Turns pixels into terminal cells with chafa: block, border and space symbols, each with a
/// 24-bit foreground and background (the backend degrades them to what the terminal shows).
enum ChafaRenderer {
    /// Cells are about twice as tall as wide in common terminal fonts.
    static let fontRatio: Float = 0.5

    /// The grid (columns, rows) that fits an image of `width` x `height` pixels into at most
    /// `columns` x `rows` cells, keeping its aspect.
    static func geometry(width: Int, height: Int, columns: Int, rows: Int) -> (columns: Int, rows: Int) {
        var w = Int32(columns)
        var h = Int32(rows)
        chafa_calc_canvas_geometry(Int32(width), Int32(height), &w, &h, fontRatio, 0, 0)
        return (max(1, min(columns, Int(w))), max(1, min(rows, Int(h))))
    }

    static func cells(for image: RGBAImage, columns: Int, rows: Int) throws -> [[Cell]] {
        guard let map = chafa_symbol_map_new() else { throw PreviewError("chafa could not start") }
        defer { chafa_symbol_map_unref(map) }
        shim_chafa_add_preview_symbols(map)
        let canvas = try drawn(image, columns: columns, rows: rows) { chafa_canvas_config_set_symbol_map($0, map) }
        defer { chafa_canvas_unref(canvas) }
        var grid: [[Cell]] = []
        grid.reserveCapacity(rows)
        for y in 0..<rows {
            var row: [Cell] = []
            row.reserveCapacity(columns)
            for x in 0..<columns {
                let code = chafa_canvas_get_char_at(canvas, Int32(x), Int32(y))
                var fg: Int32 = -1
                var bg: Int32 = -1
                chafa_canvas_get_colors_at(canvas, Int32(x), Int32(y), &fg, &bg)
                let character = Unicode.Scalar(code).map(Character.init) ?? " "
                row.append(Cell(picture: character, foreground: rgb(fg), background: rgb(bg)))
            }
            grid.append(row)
        }
        return grid
    }

    /// The escape sequence drawing `image` over `columns` x `rows` cells of `cellSize` pixels with
    /// the sixel or kitty protocol (chafa fits the image inside, keeping its aspect).
    static func pixels(for image: RGBAImage, columns: Int, rows: Int, mode: GraphicsMode, cellSize: (width: Int, height: Int)) throws
        -> [UInt8]
    {
        let pixelMode: ChafaPixelMode
        switch mode {
        case .sixel: pixelMode = CHAFA_PIXEL_MODE_SIXELS
        case .kitty: pixelMode = CHAFA_PIXEL_MODE_KITTY
        case .symbols: throw PreviewError("symbols are cells, not a pixel sequence")
        }
        let canvas = try drawn(image, columns: columns, rows: rows) { config in
            chafa_canvas_config_set_cell_geometry(config, Int32(cellSize.width), Int32(cellSize.height))
            chafa_canvas_config_set_pixel_mode(config, pixelMode)
        }
        defer { chafa_canvas_unref(canvas) }
        guard let info = PixelGraphics.printingInfo() else { throw PreviewError("chafa has no terminal sequences") }
        defer { chafa_term_info_unref(info) }
        guard let printed = chafa_canvas_print(canvas, info) else { throw PreviewError("chafa printed nothing") }
        defer { g_string_free(printed, 1) }
        return Array(UnsafeRawBufferPointer(start: printed.pointee.str, count: Int(printed.pointee.len)))
    }

    /// A truecolour canvas of `columns` x `rows` cells with `image` drawn on it, configured further
    /// by `configure` (symbols, or a pixel protocol); the caller unrefs it.
    private static func drawn(_ image: RGBAImage, columns: Int, rows: Int, configure: (OpaquePointer) -> Void) throws -> OpaquePointer {
        guard let config = chafa_canvas_config_new() else { throw PreviewError("chafa could not start") }
        defer { chafa_canvas_config_unref(config) }
        chafa_canvas_config_set_geometry(config, Int32(columns), Int32(rows))
        chafa_canvas_config_set_canvas_mode(config, CHAFA_CANVAS_MODE_TRUECOLOR)
        configure(config)
        guard let canvas = chafa_canvas_new(config) else { throw PreviewError("chafa could not start") }
        image.bytes.withUnsafeBufferPointer { pixels in
            chafa_canvas_draw_all_pixels(
                canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, pixels.baseAddress, Int32(image.width), Int32(image.height),
                Int32(image.width * 4))
        }
        return canvas
    }

    /// chafa packs truecolour as 0xRRGGBB; a negative value means transparent, drawn as the
    /// neutral grey alpha is flattened onto.
    private static func rgb(_ packed: Int32) -> RGB {
        guard packed >= 0 else { return RGB(128, 128, 128) }
        return RGB(UInt8((packed >> 16) & 0xFF), UInt8((packed >> 8) & 0xFF), UInt8(packed & 0xFF))
    }
}
