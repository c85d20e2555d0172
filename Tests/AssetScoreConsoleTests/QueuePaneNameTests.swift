import Foundation
import XCTest

@testable import AssetScoreConsole

/// The queue pane names files without building URLs; the names must be the ones URL gives.
final class QueuePaneNameTests: XCTestCase {
    func testFileNameIsTheLastPathComponentAsURLGivesIt() {
        let paths = [
            "/srv/assets/summer/beach.png", "beach.png", "campaign/beach.png", "/srv/assets/summer/", "dir//", "/",
            "/srv/a b/ünïcødé 漢字.webp", "https://dam.example/files/header.jpg", "relative/dir/", "/a/./b.gif",
        ]
        for path in paths {
            XCTAssertEqual(QueuePane.fileName(path), URL(fileURLWithPath: path).lastPathComponent, path)
        }
    }
}
