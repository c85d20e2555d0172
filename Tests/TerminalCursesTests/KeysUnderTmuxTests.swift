import XCTest

/// Keys as a terminal really sends them, decoded by ncurses or by our own escape decoder.
final class KeysUnderTmuxTests: SmokeTestCase {
    func testKeysDecode() throws {
        let session = try start()
        waitForScreen(session)
        let keys: [(send: () -> Void, name: String)] = [
            ({ session.send("Up") }, "up"), ({ session.send("Down") }, "down"), ({ session.send("Left") }, "left"),
            ({ session.send("Right") }, "right"), ({ session.send("Home") }, "home"), ({ session.send("End") }, "end"),
            ({ session.send("PPage") }, "pgup"), ({ session.send("NPage") }, "pgdn"), ({ session.send("DC") }, "delete"),
            ({ session.send("IC") }, "insert"), ({ session.send("BSpace") }, "backspace"), ({ session.send("Enter") }, "enter"),
            ({ session.send("Tab") }, "tab"), ({ session.send("BTab") }, "shift-tab"), ({ session.send("F1") }, "f1"),
            ({ session.send("F5") }, "f5"), ({ session.send("F12") }, "f12"), ({ session.send("C-r") }, "ctrl-r"),
            ({ session.send("C-a") }, "ctrl-a"), ({ session.send("j") }, "j"), ({ session.send("J") }, "J"),
            ({ session.type("é") }, "é"), ({ session.type("漢") }, "漢"), ({ session.send("C-Up") }, "up"),
            ({ session.send("Space") }, "space"),
        ]
        for (count, key) in keys.enumerated() {
            key.send()
            let expected = "last key: \(key.name) (\(count + 1) keys)"
            XCTAssertNotNil(session.wait { $0.contains(expected) }, "want '\(expected)':\n\(session.capture())")
        }
    }

    func testControlKeysAsInput() throws {
        let session = try start(arguments: ["--raw"])
        waitForScreen(session)
        session.send("C-c")
        XCTAssertNotNil(session.wait { $0.contains("last key: ctrl-c (1 keys)") }, session.capture())
        session.send("C-z")
        XCTAssertNotNil(session.wait { $0.contains("last key: ctrl-z (2 keys)") }, session.capture())
        session.send("C-s")
        XCTAssertNotNil(session.wait { $0.contains("last key: ctrl-s (3 keys)") }, session.capture())
        session.send("q")
        _ = assertEnded(session, status: [0])
    }

    func testEscapeAnswersAtOnce() throws {
        let session = try start()
        waitForScreen(session)
        let started = Date()
        session.send("Escape")
        XCTAssertNotNil(session.wait { $0.contains("last key: esc (1 keys)") }, session.capture())
        // ncurses waits ESCDELAY (1 s by default) to tell ESC from a sequence; we set 25 ms.
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.6, "Escape took too long to arrive")
    }

    func testMouseAndUndecodedSequences() throws {
        let session = try start()
        waitForScreen(session)
        // X10 report, decoded by ncurses: button 1 at column 10, row 5 (1-based, offset by 32).
        session.sendBytes([0x1B, 0x5B, 0x4D, 0x20, 0x20 + 10, 0x20 + 5])
        XCTAssertNotNil(session.wait { $0.contains("last key: mouse-left@9,4 (1 keys)") }, session.capture())
        // SGR report, which this terminfo entry does not describe: decoded by EscapeSequence.
        session.sendBytes(Array("\u{1B}[<2;20;7M".utf8))
        XCTAssertNotNil(session.wait { $0.contains("last key: mouse-right@19,6 (2 keys)") }, session.capture())
        session.sendBytes(Array("\u{1B}[<64;3;4M".utf8))
        XCTAssertNotNil(session.wait { $0.contains("last key: mouse-wheelUp@2,3 (3 keys)") }, session.capture())
        // A terminal reply (device attributes) is no key: swallowed whole, not typed as "[1;2c".
        session.sendBytes(Array("\u{1B}[?1;2c".utf8))
        session.send("x")
        XCTAssertNotNil(session.wait { $0.contains("last key: x (4 keys)") }, session.capture())
    }
}
