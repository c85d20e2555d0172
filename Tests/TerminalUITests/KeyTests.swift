import TerminalUI
import XCTest

final class KeyTests: XCTestCase {
    func testKeyNamesParse() throws {
        let cases: [(String, Key)] = [
            ("j", .character("j")), ("J", .character("J")), ("?", .character("?")), ("/", .character("/")),
            ("+", .character("+")), ("漢", .character("漢")), ("space", .character(" ")), ("hash", .character("#")),
            ("ctrl-r", .ctrl("r")), ("Ctrl-R", .ctrl("r")), ("shift-tab", .backTab), ("backtab", .backTab),
            ("shift-j", .character("J")), ("f5", .function(5)), ("F12", .function(12)), ("pgdn", .pageDown),
            ("PageUp", .pageUp), ("enter", .enter), ("return", .enter), ("esc", .escape), ("escape", .escape),
            ("tab", .tab), ("up", .up), ("down", .down), ("left", .left), ("right", .right),
            ("home", .home), ("end", .end), ("del", .delete), ("delete", .delete), ("backspace", .backspace),
            ("insert", .insert), ("ctrl-i", .tab), ("ctrl-m", .enter), ("ctrl-h", .backspace), ("ctrl-j", .enter),
        ]
        for (name, key) in cases {
            XCTAssertEqual(try Key(name: name), key, name)
        }
    }

    func testBadKeyNamesAreErrors() {
        for name in ["", "  ", "ctrl-", "ctrl-ab", "ctrl-1", "f0", "f13", "f+5", "shift-1", "hyper-x", "jj", "\u{1B}", "\u{7F}"] {
            XCTAssertThrowsError(try Key(name: name), "'\(name)' should not parse") { error in
                XCTAssertTrue("\(error)".contains("unknown key name"), "\(error)")
                XCTAssertFalse("\(error)".contains("\u{1B}"), "the error must not echo control characters")
            }
        }
    }

    func testNamesRoundTrip() throws {
        var keys: [Key] = [
            .up, .down, .left, .right, .enter, .escape, .tab, .backTab, .backspace, .delete, .insert,
            .home, .end, .pageUp, .pageDown, .character(" "), .character("#"), .character("é"), .character("Q"),
        ]
        keys += (1...12).map { Key.function($0) }
        keys += "abcdefgklnopqrstuvwxyz".map { Key.ctrl($0) }  // h, i, j, m are Backspace, Tab and Enter
        for key in keys {
            XCTAssertEqual(try Key(name: key.name), key, key.name)
        }
    }

    func testLabels() {
        XCTAssertEqual(Key.ctrl("r").label, "^R")
        XCTAssertEqual(Key.backTab.label, "S-Tab")
        XCTAssertEqual(Key.pageDown.label, "PgDn")
        XCTAssertEqual(Key.character(" ").label, "Space")
        XCTAssertEqual(Key.function(5).label, "F5")
    }

    func testControlCharactersFromInput() {
        XCTAssertEqual(Key.fromInput("\u{0D}"), .enter)
        XCTAssertEqual(Key.fromInput("\u{0A}"), .enter)
        XCTAssertEqual(Key.fromInput("\u{09}"), .tab)
        XCTAssertEqual(Key.fromInput("\u{1B}"), .escape)
        XCTAssertEqual(Key.fromInput("\u{7F}"), .backspace)
        XCTAssertEqual(Key.fromInput("\u{08}"), .backspace)
        XCTAssertEqual(Key.fromInput("\u{12}"), .ctrl("r"))
        XCTAssertEqual(Key.fromInput("\u{01}"), .ctrl("a"))
        XCTAssertEqual(Key.fromInput("x"), .character("x"))
        XCTAssertNil(Key.fromInput("\u{00}"))
        XCTAssertNil(Key.fromInput("\u{1C}"))
        XCTAssertNil(Key.fromInput("\u{9B}"))
    }

    func testEscapeSequences() {
        func decode(_ s: String) -> Key? { EscapeSequence.decode(Array(s.unicodeScalars)) }
        XCTAssertEqual(decode("[A"), .up)
        XCTAssertEqual(decode("OB"), .down)
        XCTAssertEqual(decode("[1;5C"), .right, "ctrl-right decodes as right")
        XCTAssertEqual(decode("[1;3D"), .left)
        XCTAssertEqual(decode("[Z"), .backTab)
        XCTAssertEqual(decode("[H"), .home)
        XCTAssertEqual(decode("[4~"), .end)
        XCTAssertEqual(decode("[3~"), .delete)
        XCTAssertEqual(decode("[5~"), .pageUp)
        XCTAssertEqual(decode("[6;2~"), .pageDown)
        XCTAssertEqual(decode("OP"), .function(1))
        XCTAssertEqual(decode("[15~"), .function(5))
        XCTAssertEqual(decode("[24~"), .function(12))
        XCTAssertEqual(decode("OM"), .enter)
        XCTAssertEqual(decode("[<0;10;5M"), .mouse(x: 9, y: 4, button: .left))
        XCTAssertEqual(decode("[<2;1;1M"), .mouse(x: 0, y: 0, button: .right))
        XCTAssertEqual(decode("[<64;3;4M"), .mouse(x: 2, y: 3, button: .wheelUp))
        XCTAssertEqual(decode("[<65;3;4M"), .mouse(x: 2, y: 3, button: .wheelDown))
        XCTAssertNil(decode("[<0;10;5m"), "a release is not a key")
        XCTAssertNil(decode("[<32;10;5M"), "motion is not a key")
        XCTAssertNil(decode("[99~"))
        XCTAssertNil(decode("[?1;2c"), "a device attribute report is not a key")
        XCTAssertNil(decode("x"))
        XCTAssertNil(decode("["))
    }

    func testEscapeSequenceCompleteness() {
        func complete(_ s: String) -> Bool { EscapeSequence.isComplete(Array(s.unicodeScalars)) }
        XCTAssertFalse(complete(""))
        XCTAssertFalse(complete("["))
        XCTAssertFalse(complete("[1;5"))
        XCTAssertTrue(complete("[1;5A"))
        XCTAssertFalse(complete("O"))
        XCTAssertTrue(complete("OP"))
        XCTAssertFalse(complete("[<0;10;5"))
        XCTAssertTrue(complete("[<0;10;5M"))
        XCTAssertTrue(complete("x"), "ESC then a letter is complete (alt-x)")
    }
}
