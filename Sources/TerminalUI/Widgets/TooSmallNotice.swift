import Foundation

/// What the console shows instead of its panes when the terminal is smaller than they need.
public enum TooSmallNotice {
    /// True when a `width` x `height` screen can hold a layout needing `minimumWidth` x `minimumHeight`.
    public static func fits(width: Int, height: Int, minimumWidth: Int, minimumHeight: Int) -> Bool {
        width >= minimumWidth && height >= minimumHeight
    }

    /// Clears the buffer and centres a notice giving the size needed and the size there is.
    public static func draw(into buffer: inout ScreenBuffer, minimumWidth: Int, minimumHeight: Int) {
        buffer.fill(buffer.bounds, role: .normal)
        let lines = [
            "Terminal too small",
            "need \(minimumWidth)x\(minimumHeight), have \(buffer.width)x\(buffer.height)",
            "enlarge the window, or press q to quit",
        ]
        let shown = Array(lines.prefix(max(1, buffer.height)))
        let top = max(0, (buffer.height - shown.count) / 2)
        for (i, line) in shown.enumerated() {
            let width = min(buffer.width, ScreenBuffer.width(of: line))
            buffer.write(
                line, x: max(0, (buffer.width - width) / 2), y: top + i, maxWidth: buffer.width, role: i == 0 ? .warning : .normal,
                overflow: .ellipsis)
        }
    }
}
