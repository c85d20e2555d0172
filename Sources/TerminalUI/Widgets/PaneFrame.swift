import Foundation

/// A bordered pane with a title on its top edge; the border shows whether the pane has focus.
public enum PaneFrame {
    /// Clears `rect`, draws the border and title, and returns the inside for the content.
    @discardableResult
    public static func draw(into buffer: inout ScreenBuffer, in rect: Rect, title: String, focused: Bool) -> Rect {
        buffer.fill(rect, role: .normal)
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        buffer.drawBox(rect, role: focused ? .paneBorderFocused : .paneBorderBlurred, style: focused ? .heavy : .light)
        if !title.isEmpty && rect.width > 4 {
            buffer.write(
                " " + title + " ", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2,
                role: focused ? .paneTitleFocused : .paneTitleBlurred, overflow: .ellipsis)
        }
        return rect.inset(by: 1)
    }
}
