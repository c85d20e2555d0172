import AssetScoreCore
import XCTest

/// The error lines of the `ImportErrorList` that `body` must throw; a failure when it does not.
func refusalMessages(_ body: () throws -> Any, file: StaticString = #filePath, line: UInt = #line) -> [String] {
    do {
        _ = try body()
        XCTFail("expected the document to be refused", file: file, line: line)
        return []
    } catch let list as ImportErrorList {
        return list.errors.map(\.description)
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
        return []
    }
}
