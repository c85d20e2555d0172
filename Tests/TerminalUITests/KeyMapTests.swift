import TerminalUI
import XCTest

final class KeyMapTests: XCTestCase {
    var map: KeyMap { KeyMap(actions: SampleActions.table) }

    func testTheSampleTableHasNoProblems() {
        XCTAssertEqual(ActionSpec.problems(in: SampleActions.table), [])
    }

    func testProblemsInATableAreFound() {
        let table = [
            ActionSpec("a", group: "G", help: "", keys: [.character("x")]),
            ActionSpec("b", group: "G", help: "", keys: [.character("x")]),
            ActionSpec("a", group: "G", help: "", keys: []),
            ActionSpec("has space", pane: "p", group: "G", help: "", keys: []),
        ]
        XCTAssertEqual(
            ActionSpec.problems(in: table),
            [
                "key x in pane 'global' is given to both 'a' and 'b'",
                "action 'a' is listed twice in pane 'global'",
                "action name 'has space' cannot be written in a key-map file",
            ])
    }

    func testPaneBindingsComeBeforeGlobalOnes() {
        XCTAssertEqual(map.action(for: .character("q"), in: "review"), "quit")
        XCTAssertEqual(map.action(for: .character("q"), in: "simulator"), "quit-here")
        XCTAssertEqual(map.action(for: .ctrl("c"), in: "simulator"), "quit")
        XCTAssertEqual(map.action(for: .enter, in: "review"), "accept-best")
        XCTAssertNil(map.action(for: .enter, in: "simulator"))
        XCTAssertNil(map.action(for: .character("z"), in: "review"))
        XCTAssertEqual(map.keys(for: "down", in: "global"), [.down, .character("j")])
    }

    func testUserFileRebindsOnlyWhatItNames() throws {
        var m = map
        try m.apply(
            """
            # my keys
            review   accept-best  y ctrl-y   # yes
            global   down         down n
            review   reject       none

            """, file: "keys.conf")
        XCTAssertEqual(m.action(for: .character("y"), in: "review"), "accept-best")
        XCTAssertEqual(m.action(for: .ctrl("y"), in: "review"), "accept-best")
        XCTAssertNil(m.action(for: .character("a"), in: "review"), "old keys of a rebound action go")
        XCTAssertNil(m.action(for: .enter, in: "review"))
        XCTAssertEqual(m.action(for: .character("n"), in: "review"), "down")
        XCTAssertNil(m.action(for: .character("j"), in: "review"))
        XCTAssertNil(m.action(for: .character("x"), in: "review"), "none unbinds")
        XCTAssertEqual(m.keys(for: "reject", in: "review"), [])
        XCTAssertEqual(m.action(for: .character("u"), in: "review"), "undo", "unnamed actions keep their defaults")
    }

    func testAKeyTakenFromAnotherActionMovesToTheNewOne() throws {
        var m = map
        try m.apply("review search u\n", file: "k")
        XCTAssertEqual(m.action(for: .character("u"), in: "review"), "search")
        XCTAssertEqual(m.keys(for: "undo", in: "review"), [.ctrl("z")])
    }

    func testErrorsNameFileAndLine() {
        let cases: [(String, String)] = [
            ("review accept-best\n", "keys.conf:1: expected 'pane action key [key...]', got 2 words"),
            ("\n\nnowhere quit q\n", "keys.conf:3: unknown pane 'nowhere' (panes: global, review, simulator)"),
            (
                "# c\nreview fly q\n",
                "keys.conf:2: no action 'fly' in pane 'review' (actions: accept-best, reject, bulk-accept, search, undo)"
            ),
            (
                "global quit ctrl-\n",
                "keys.conf:1: unknown key name 'ctrl-' (use a character, or names like ctrl-r, shift-tab, enter, esc, up, pgdn, f5, space, hash)"
            ),
            ("global quit q\nglobal quit x\n", "keys.conf:2: 'global quit' is already bound at line 1"),
            ("review undo z\nreview search z\n", "keys.conf:2: key z in pane 'review' is already bound to 'undo' at line 1"),
            ("global quit q none\n", "keys.conf:1: 'none' must be the only key on its line"),
            ("global quit resize\n", "keys.conf:1: resize is not a key that can be bound"),
        ]
        for (text, message) in cases {
            var m = map
            XCTAssertThrowsError(try m.apply(text, file: "keys.conf")) { error in
                XCTAssertEqual("\(error)", message)
            }
            XCTAssertEqual(m, map, "a failed file changes nothing")
        }
    }

    func testLoadReportsAMissingFile() {
        XCTAssertThrowsError(try KeyMap.load(actions: SampleActions.table, userFile: URL(fileURLWithPath: "/nonexistent/keys.conf"))) {
            error in
            let e = error as? KeyMapError
            XCTAssertEqual(e?.file, "/nonexistent/keys.conf")
            XCTAssertEqual(e?.line, 0)
        }
    }

    func testLoadFromAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString).conf")
        defer { try? FileManager.default.removeItem(at: url) }
        try "global help h\n".write(to: url, atomically: true, encoding: .utf8)
        let m = try KeyMap.load(actions: SampleActions.table, userFile: url)
        XCTAssertEqual(m.action(for: .character("h"), in: "review"), "help")
        XCTAssertNil(m.action(for: .character("?"), in: "review"))
    }

    func testFileTextRoundTrips() throws {
        var changed = map
        try changed.apply("review reject none\nglobal help h hash\n", file: "k")
        let text = changed.fileText()
        XCTAssertTrue(text.contains("review reject none   # Reject the tag (destructive)"), text)
        XCTAssertTrue(text.contains("global help h hash   # Show the keys"), text)
        var again = map
        try again.apply(text, file: "generated")
        XCTAssertEqual(again, changed)
    }

    func testStatusBarShowsPaneKeysThenGlobalOnes() {
        var buffer = ScreenBuffer(width: 60, height: 1)
        StatusBar.draw(into: &buffer, y: 0, keyMap: map, pane: "simulator", message: "saved")
        XCTAssertEqual(buffer.line(0), " + weight+  ^C quit  ? help                            saved")
        var narrow = ScreenBuffer(width: 20, height: 1)
        StatusBar.draw(into: &narrow, y: 0, keyMap: map, pane: "review")
        XCTAssertEqual(narrow.line(0), " a accept  x reject", "only whole items are shown")
    }

    func testHelpLinesFollowTheKeyMap() throws {
        var m = map
        try m.apply("review reject none\nglobal quit q\n", file: "k")
        let text = HelpOverlay.lines(keyMap: m, pane: "simulator").map { $0.map(\.text).joined() }
        XCTAssertTrue(text.contains("  +             Raise the weight"), "\(text)")
        XCTAssertTrue(text.contains("  -             Quit the console"), "q is shadowed by quit-here in the simulator: \(text)")
        XCTAssertFalse(text.contains { $0.contains("Reject") }, "review actions are not listed in the simulator")
        let review = HelpOverlay.lines(keyMap: m, pane: "review").map { $0.map(\.text).joined() }
        XCTAssertTrue(review.contains("  -             ! Reject the tag"), "\(review)")
    }
}
