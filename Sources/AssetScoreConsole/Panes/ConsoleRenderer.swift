import AssetScoreCore
import Foundation
import TerminalUI

/// Draws the whole console from its state. Pure: the same state gives the same screen.
public enum ConsoleRenderer {
    /// `previews` draws image previews (the asset detail, the simulator's winner); nil leaves
    /// them out, and a test passes a fixed grid so the screen stays deterministic.
    public static func render(_ state: ConsoleState, keyMap: KeyMap, clock: any Clock, previews: PreviewProvider? = nil) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        let layout = ConsoleLayout(width: state.width, height: state.height, focus: state.focus)
        guard layout.fits else {
            TooSmallNotice.draw(into: &buffer, minimumWidth: ConsoleLayout.minimumWidth, minimumHeight: ConsoleLayout.minimumHeight)
            return buffer
        }
        drawHeader(state, into: &buffer)
        for (pane, rect) in layout.panes {
            let focused = pane == state.focus
            let title = pane.title + subtitle(pane, state)
            let inside = PaneFrame.draw(into: &buffer, in: rect, title: title, focused: focused)
            switch pane {
            case .queue: QueuePane.draw(state.queue, into: &buffer, in: inside, focused: focused, clock: clock)
            case .review: ReviewPane.draw(state.review, into: &buffer, in: inside, focused: focused, previews: previews)
            case .simulator: SimulatorPane.draw(state.simulator, into: &buffer, in: inside, focused: focused, previews: previews)
            case .dictionary: DictionaryPane.draw(state.dictionary, into: &buffer, in: inside, focused: focused)
            }
        }
        if state.messageIsError, let m = state.message {
            // An error gets the whole row: "already decided by alice at ..." must be readable.
            buffer.fill(Rect(x: 0, y: layout.statusRow, width: buffer.width, height: 1), role: .statusBar)
            buffer.write(" " + m, x: 0, y: layout.statusRow, maxWidth: buffer.width, role: .error, overflow: .ellipsis)
        } else {
            StatusBar.draw(into: &buffer, y: layout.statusRow, keyMap: keyMap, pane: state.focus.rawValue, message: state.message)
        }
        if let overlay = state.overlay { OverlayView.draw(overlay, state: state, keyMap: keyMap, into: &buffer, previews: previews) }
        return buffer
    }

    static let brand = " AssetScore  "

    static func tabLabel(_ pane: PaneID, focus: PaneID) -> String { pane == focus ? "[\(pane.tab)]" : " \(pane.tab) " }

    static func drawHeader(_ state: ConsoleState, into buffer: inout ScreenBuffer) {
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), role: .statusBar)
        let tabs = PaneID.allCases.map { tabLabel($0, focus: state.focus) }.joined(separator: " ")
        buffer.write(brand + tabs, x: 0, y: 0, maxWidth: buffer.width, role: .statusBar, overflow: .ellipsis)
    }

    /// The pane whose tab is at column `x` of the header, for mouse clicks.
    static func tab(at x: Int, focus: PaneID) -> PaneID? {
        var start = ScreenBuffer.width(of: brand)
        for pane in PaneID.allCases {
            let width = ScreenBuffer.width(of: tabLabel(pane, focus: focus))
            if x >= start && x < start + width { return pane }
            start += width + 1
        }
        return nil
    }

    static func subtitle(_ pane: PaneID, _ state: ConsoleState) -> String {
        switch pane {
        case .queue:
            let c = state.queue.counts
            let filter = state.queue.statusFilter.map { " [\($0.rawValue)]" } ?? ""
            if state.queue.showingJobs == true {
                let j = state.queue.jobCounts
                let waiting = (j[.queued] ?? 0) + (j[.analysing] ?? 0)
                return " · \(j.values.reduce(0, +)) jobs: \(waiting) waiting, \(j[.needsReview] ?? 0) to review, \(j[.failed] ?? 0) failed\(filter)"
            }
            return
                " · \(state.queue.total) assets: \(c[.ready] ?? 0) ready, \(c[.needsReview] ?? 0) to review, \(c[.failed] ?? 0) failed\(filter)"
        case .review: return " · \(state.review.pendingTotal) pending"
        case .simulator: return state.simulator.campaign.map { " · \($0)" } ?? ""
        case .dictionary: return " · \(state.dictionary.visible.count) entries" + (state.dictionary.facetFilter.map { " in \($0)" } ?? "")
        }
    }
}
