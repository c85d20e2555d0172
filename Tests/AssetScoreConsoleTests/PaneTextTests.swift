import Foundation
import XCTest

@testable import AssetScoreConsole

/// The panes name files without building URLs; for the paths assets and jobs are stored
/// with (absolute paths, relative ones, URLs) the names must be the ones URL gives. ("", "." and
/// "..", which URL resolves against the working directory, are never stored.)
final class FileNameTests: XCTestCase {
    func testFileNameIsTheLastPathComponentAsURLGivesIt() {
        let paths = [
            "/srv/assets/summer/beach.png", "beach.png", "campaign/beach.png", "/srv/assets/summer/", "dir//", "/",
            "/srv/a b/ünïcødé 漢字.webp", "https://dam.example/files/header.jpg", "relative/dir/", "/a/./b.gif",
        ]
        for path in paths {
            XCTAssertEqual(FileName.of(path), URL(fileURLWithPath: path).lastPathComponent, path)
        }
    }
}

/// The share chart's percentages line up, and a share under 1 % does not read "0%".
final class SimulatorPanePercentTests: XCTestCase {
    func testSharesKeepFourColumnsAndSmallOnesADecimal() {
        XCTAssertEqual(SimulatorPane.percent(1), "100%")
        XCTAssertEqual(SimulatorPane.percent(0.5), " 50%")
        XCTAssertEqual(SimulatorPane.percent(0.1), " 10%")
        XCTAssertEqual(SimulatorPane.percent(0.0996), " 10%")
        XCTAssertEqual(SimulatorPane.percent(0.094), "9.4%")
        XCTAssertEqual(SimulatorPane.percent(0.004), "0.4%")
        XCTAssertEqual(SimulatorPane.percent(0), "0.0%")
    }
}
