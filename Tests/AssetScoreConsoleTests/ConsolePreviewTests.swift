import AssetScoreConsole
import AssetScoreCore
import Foundation
import TerminalUI
import XCTest

/// Previews in the console through an injected provider: a fixed grid keeps screens deterministic.
final class ConsolePreviewTests: XCTestCase {
    /// Records what was asked for; answers a checkerboard of half blocks, red over blue.
    final class FakePreviews: @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [(String, Int, Int)] = []

        var requests: [(path: String, columns: Int, rows: Int)] {
            lock.lock()
            defer { lock.unlock() }
            return calls
        }

        var provider: PreviewProvider {
            { [self] path, columns, rows in
                lock.lock()
                calls.append((path, columns, rows))
                lock.unlock()
                return (0..<rows).map { y in
                    (0..<columns).map { x in
                        Cell(picture: (x + y) % 2 == 0 ? "▀" : "▄", foreground: RGB(220, 20, 30), background: RGB(20, 40, 200))
                    }
                }
            }
        }
    }

    private static func render(_ c: ConsoleController, _ previews: PreviewProvider?) -> ScreenBuffer {
        ConsoleRenderer.render(c.state, keyMap: c.keyMap, clock: FixedClock(Date(timeIntervalSince1970: 1_800_000_000)), previews: previews)
    }

    func testDetailOverlayShowsThePreviewTopRight() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        c.resize(width: 100, height: 30)
        c.handle(.enter)
        guard case .detail(let detail) = c.state.overlay else { return XCTFail("no detail overlay: \(c.state.message ?? "")") }
        let fake = FakePreviews()
        let screen = Self.render(c, fake.provider)

        XCTAssertEqual(fake.requests.count, 1)
        XCTAssertEqual(fake.requests.first?.path, detail.asset.path)
        XCTAssertEqual(fake.requests.first?.columns, 32)
        XCTAssertEqual(fake.requests.first?.rows, 12)
        // Inside the overlay frame (x 2..97, y 3..26), one column clear of the right border.
        for y in 0..<30 {
            for x in 0..<100 {
                let inPreview = (65..<97).contains(x) && (3..<15).contains(y)
                XCTAssertEqual(screen[x: x, y: y].picture != nil, inPreview, "(\(x), \(y))")
            }
        }
        XCTAssertEqual(
            screen.line(3).suffix(35), "▀▄▀▄▀▄▀▄▀▄▀▄▀▄▀▄▀▄▀▄▀▄▀▄▀▄▀▄▀▄▀▄ │┃", "the overlay border, then the pane border under it")
        // Text beside the preview stops before it; below it, text has the full width again.
        for y in 3..<15 { XCTAssertEqual(screen[x: 64, y: y].character, " ", screen.line(y)) }
        XCTAssertEqual(screen[x: 65, y: 3].picture, PictureColors(foreground: RGB(220, 20, 30), background: RGB(20, 40, 200)))
        XCTAssertTrue(screen.roleMap().contains("3 65-96 picture"), screen.roleMap())

        // Without a provider the overlay is as before: no picture cells at all.
        let plain = Self.render(c, nil)
        XCTAssertFalse(plain.cells.contains { $0.picture != nil })
        XCTAssertTrue(plain.line(3).contains(URL(fileURLWithPath: detail.asset.path).lastPathComponent), plain.line(3))
    }

    func testDetailOverlayLeavesThePreviewOutWhenNarrow() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        c.handle(.enter)
        let fake = FakePreviews()
        c.resize(width: 60, height: 20)
        let screen = Self.render(c, fake.provider)
        XCTAssertTrue(fake.requests.isEmpty, "a 56-column overlay has no room for a preview")
        XCTAssertFalse(screen.cells.contains { $0.picture != nil })
    }

    func testSimulatorShowsTheWinnersPreviewWhenWide() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        try ConsoleFixture.keys(c, "3")
        while c.state.simulator.campaign != "summer-sale" { c.handle(.character("]")) }
        while c.state.simulator.subject?.id != "sun-seeker" { c.handle(.character(">")) }
        let winner = try XCTUnwrap(c.state.simulator.decision?.winner)
        let fake = FakePreviews()

        c.resize(width: 90, height: 30)
        XCTAssertFalse(Self.render(c, fake.provider).cells.contains { $0.picture != nil })
        XCTAssertTrue(fake.requests.isEmpty)

        c.resize(width: 130, height: 34)
        let screen = Self.render(c, fake.provider)
        XCTAssertEqual(fake.requests.last?.path, winner.path)
        XCTAssertTrue(screen.cells.contains { $0.picture != nil })
        XCTAssertTrue(screen.text().contains("★ beach-sunset-header.jpg"), screen.text())
        // The ranking still shows, beside the preview.
        XCTAssertTrue(screen.text().contains("Ranking"), screen.text())
    }

    func testReviewPanePreviewsTheSelectedItemsFirstAsset() throws {
        let c = try ConsoleFixture.controller(try ConsoleFixture.database())
        c.resize(width: 100, height: 30)
        try ConsoleFixture.keys(c, "2")
        let item = try XCTUnwrap(c.state.review.items.first { !$0.assetIDs.isEmpty })
        let index = try XCTUnwrap(c.state.review.items.firstIndex(of: item))
        for _ in 0..<index { c.handle(.down) }
        XCTAssertFalse(c.state.review.selectedAssetPaths.isEmpty)
        let fake = FakePreviews()
        let screen = Self.render(c, fake.provider)
        XCTAssertEqual(fake.requests.first?.path, c.state.review.selectedAssetPaths.first)
        XCTAssertTrue(screen.roleMap().contains("picture"), screen.roleMap())
        c.resize(width: 80, height: 30)
        let narrow = FakePreviews()
        _ = Self.render(c, narrow.provider)
        XCTAssertTrue(narrow.requests.isEmpty, "no preview below 90 columns")
    }
}
