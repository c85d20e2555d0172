import TerminalUI
import XCTest

final class ThemeTests: XCTestCase {
    func parse(_ text: String, base: Theme? = nil) throws -> Theme {
        try Theme.parse(text, file: "my.theme", base: base)
    }

    func testParsesPaletteRolesAndAttributes() throws {
        let theme = try parse(
            """
            # comment
            color bg     #101010   # trailing comment
            color accent #5FAFFF
            role normal  fg=#eeeeee bg=bg
            role list.selected.focused fg=bg bg=accent bold underline
            role dim     dim
            role input   fg=default bg=default reverse
            """)
        XCTAssertEqual(theme.palette["accent"], RGB(0x5F, 0xAF, 0xFF))
        XCTAssertEqual(
            theme.style(for: .listSelectedFocused),
            Style(foreground: RGB(16, 16, 16), background: RGB(0x5F, 0xAF, 0xFF), attributes: [.bold, .underline]))
        XCTAssertEqual(
            theme.style(for: .dim), Style(foreground: RGB(0xEE, 0xEE, 0xEE), background: RGB(16, 16, 16), attributes: .dim),
            "colours come from the parent, attributes do not")
        XCTAssertEqual(theme.style(for: .input), Style(foreground: nil, background: nil, attributes: .reverse))
        XCTAssertEqual(theme.definingRole(for: .listSelectedBlurred), .normal)
        XCTAssertEqual(theme.definingRole(for: Role("list.selected.focused.extra")), .listSelectedFocused)
    }

    func testErrorsNameFileAndLine() {
        let cases: [(String, String)] = [
            ("colour bg #000000", "my.theme:1: unknown directive 'colour' (expected inherit, color or role)"),
            ("\ncolor bg #00000", "my.theme:2: '#00000' is not a colour; write #rrggbb"),
            ("color bg black", "my.theme:1: 'black' is not a colour; write #rrggbb"),
            ("color bg", "my.theme:1: expected 'color NAME #rrggbb'"),
            ("color default #000000", "my.theme:1: 'default' cannot be a colour name (letters, digits, - and _)"),
            ("color a #000000\ncolor a #111111", "my.theme:2: colour 'a' is already defined at line 1"),
            ("role normal fg=black", "my.theme:1: role 'normal' uses colour 'black', which no color line defines"),
            ("role normal fg=#zzzzzz", "my.theme:1: '#zzzzzz' is not a colour; use a palette name, #rrggbb or default"),
            ("role normal fg=", "my.theme:1: 'fg=' needs a colour"),
            ("role normal blink", "my.theme:1: unknown word 'blink' (expected fg=, bg=, bold, underline, reverse or dim)"),
            ("role normal fg=#000000 fg=#ffffff", "my.theme:1: fg= is given twice"),
            ("role normal bold\nrole normal dim", "my.theme:2: role 'normal' is already defined at line 1"),
            ("role list..x bold", "my.theme:1: 'list..x' is not a role name (dot-separated words)"),
            ("role", "my.theme:1: expected 'role ROLE [fg=COLOR] [bg=COLOR] [bold] [underline] [reverse] [dim]'"),
            ("role normal bold\ninherit light", "my.theme:2: 'inherit' must come before any color or role line"),
            ("inherit", "my.theme:1: expected 'inherit THEME-NAME'"),
            ("\n\n\nrole dim fg=gone\n", "my.theme:4: role 'dim' uses colour 'gone', which no color line defines"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try parse(text), text) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testAUserFileOverridesOnlyWhatItNames() throws {
        let base = try parse(
            """
            color fg #cccccc
            color accent #0000ff
            role normal fg=fg
            role pane.border.focused fg=accent bold
            role error fg=#ff0000 bold
            """)
        let user = try Theme.parse("color accent #00ff00\nrole error underline\n", file: "user.theme", base: base)
        XCTAssertEqual(user.style(for: .paneBorderFocused).foreground, RGB(0, 255, 0), "a palette change reaches every role using it")
        XCTAssertEqual(user.style(for: .paneBorderFocused).attributes, .bold)
        XCTAssertEqual(
            user.style(for: .error), Style(foreground: RGB(0xCC, 0xCC, 0xCC), attributes: .underline),
            "a role line replaces that role whole")
        XCTAssertEqual(user.style(for: .normal).foreground, RGB(0xCC, 0xCC, 0xCC))
        XCTAssertThrowsError(try Theme.parse("role dim fg=nope", file: "user.theme", base: base)) { error in
            XCTAssertEqual("\(error)", "user.theme:1: role 'dim' uses colour 'nope', which no color line defines")
        }
    }

    func testInheritAndCyclesThroughTheCatalog() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "inherit light\ncolor accent #ff00ff\n".write(to: dir.appendingPathComponent("pink.theme"), atomically: true, encoding: .utf8)
        try "inherit default\nrole error fg=#00ff00\n".write(
            to: dir.appendingPathComponent("mine.theme"), atomically: true, encoding: .utf8)
        try "inherit loop-b\n".write(to: dir.appendingPathComponent("loop-a.theme"), atomically: true, encoding: .utf8)
        try "inherit loop-a\n".write(to: dir.appendingPathComponent("loop-b.theme"), atomically: true, encoding: .utf8)
        try "\n\ninherit nothing-here\n".write(to: dir.appendingPathComponent("orphan.theme"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(userDirectories: [dir])

        let pink = try catalog.load("pink")
        let light = try catalog.load("light")
        XCTAssertEqual(pink.name, "pink")
        XCTAssertEqual(pink.style(for: .paneBorderFocused).foreground, RGB(255, 0, 255))
        XCTAssertEqual(pink.style(for: .normal), light.style(for: .normal))

        let mine = try catalog.load("mine")
        let dark = try catalog.load("default-dark")
        XCTAssertEqual(
            mine.style(for: .listSelectedFocused), dark.style(for: .listSelectedFocused), "'inherit default' starts from default-dark")
        XCTAssertEqual(mine.style(for: .error).foreground, RGB(0, 255, 0))

        XCTAssertThrowsError(try catalog.load("loop-a")) { error in
            XCTAssertTrue("\(error)".contains("inherit cycle"), "\(error)")
            XCTAssertTrue("\(error)".hasPrefix(dir.appendingPathComponent("loop-a.theme").path + ":1: "), "\(error)")
        }
        XCTAssertThrowsError(try catalog.load("orphan")) { error in
            XCTAssertTrue(
                "\(error)".hasPrefix(dir.appendingPathComponent("orphan.theme").path + ":3: cannot inherit 'nothing-here'"), "\(error)")
        }
        XCTAssertThrowsError(try catalog.load("no-such-theme")) { error in
            XCTAssertTrue(
                "\(error)".contains(
                    "no such theme (available: default-dark, high-contrast, light, loop-a, loop-b, mine, monochrome, orphan, pink)"),
                "\(error)")
        }
        XCTAssertEqual(try catalog.load(dir.appendingPathComponent("pink.theme").path), pink, "a path works as well as a name")
    }

    func testEveryShippedThemeParsesAndDefinesEveryRole() throws {
        let catalog = ThemeCatalog()
        XCTAssertEqual(try catalog.available(), ThemeCatalog.shippedNames.sorted())
        for name in ThemeCatalog.shippedNames {
            let theme = try catalog.load(name)
            for role in Role.standard {
                let defining = theme.definingRole(for: role)
                XCTAssertNotNil(defining, "\(name): \(role)")
                if role != .normal { XCTAssertNotEqual(defining, .normal, "\(name): \(role) falls back to normal") }
            }
        }
    }

    /// What must stay visible on every terminal a theme is used on: the selection (focused and not),
    /// the focused border, status keys, unmapped tags and the cursor, told apart from plain text.
    func testShippedThemesKeepImportantRolesDistinctAtEveryDepth() throws {
        let catalog = ThemeCatalog()
        let pairs: [(Role, Role)] = [
            (.listSelectedFocused, .listNormal), (.listSelectedBlurred, .listNormal), (.listSelectedFocused, .listSelectedBlurred),
            (.paneBorderFocused, .paneBorderBlurred), (.statusKey, .statusBar), (.tagUnmapped, .tagMapped),
            (.inputCursor, .input), (.error, .normal), (.helpKey, .helpOverlay), (.paneTitleFocused, .paneTitleBlurred),
        ]
        for name in ThemeCatalog.shippedNames {
            let theme = ResolvedTheme(try catalog.load(name))
            let depths: [ColorDepth] = name == ThemeCatalog.monochromeName ? ColorDepth.allCases : [.ansi8, .indexed256, .trueColor]
            for depth in depths {
                for (a, b) in pairs {
                    XCTAssertNotEqual(
                        theme.terminalStyle(for: a, depth: depth), theme.terminalStyle(for: b, depth: depth),
                        "\(name) at \(depth): \(a) looks like \(b)")
                }
                for role in Role.standard {
                    let style = theme.terminalStyle(for: role, depth: depth)
                    if style.foreground != .terminalDefault {
                        XCTAssertNotEqual(style.foreground, style.background, "\(name) at \(depth): \(role) is invisible")
                    }
                }
            }
        }
    }

    func testMonochromeThemeUsesNoColour() throws {
        let mono = ResolvedTheme(try ThemeCatalog().load("monochrome"))
        for role in Role.standard {
            XCTAssertNil(mono.style(for: role).foreground, "\(role)")
            XCTAssertNil(mono.style(for: role).background, "\(role)")
        }
    }

    func testNoColorAndColourlessTerminalsGetMonochrome() {
        XCTAssertEqual(ThemeCatalog.effectiveName(requested: "light", environment: ["NO_COLOR": "1"], depth: .indexed256), "monochrome")
        XCTAssertEqual(
            ThemeCatalog.effectiveName(requested: "light", environment: ["NO_COLOR": ""], depth: .indexed256), "light",
            "an empty NO_COLOR does not count")
        XCTAssertEqual(ThemeCatalog.effectiveName(requested: "light", environment: [:], depth: .monochrome), "monochrome")
        XCTAssertEqual(ThemeCatalog.effectiveName(requested: nil, environment: [:], depth: .ansi8), "default-dark")
    }

    func testResolveFallsBackToTheDefaultAndReportsWhy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.theme")
        try "color bg #000000\nrole normal fg=bg bg=nope\n".write(to: broken, atomically: true, encoding: .utf8)
        let overrides = dir.appendingPathComponent("overrides.theme")
        try "role error fg=#00ff00 underline\n".write(to: overrides, atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(userDirectories: [dir])

        let (theme, problems) = catalog.resolve(requested: "broken", overrides: overrides, environment: [:], depth: .indexed256)
        XCTAssertEqual(theme.name, "default-dark")
        XCTAssertEqual(problems.map(\.description), ["\(broken.path):2: role 'normal' uses colour 'nope', which no color line defines"])
        XCTAssertEqual(theme.style(for: .error).foreground, RGB(0, 255, 0), "overrides apply on top of the fallback")

        let badOverrides = dir.appendingPathComponent("bad-overrides.theme")
        try "role error fg=chartreuse\n".write(to: badOverrides, atomically: true, encoding: .utf8)
        let (light, lightProblems) = catalog.resolve(requested: "light", overrides: badOverrides, environment: [:], depth: .indexed256)
        XCTAssertEqual(light, ResolvedTheme(try catalog.load("light")), "a broken override is dropped whole")
        XCTAssertEqual(
            lightProblems.map(\.description), ["\(badOverrides.path):1: role 'error' uses colour 'chartreuse', which no color line defines"]
        )
    }

    func testPlainThemeStillMarksTheSelection() {
        let plain = ResolvedTheme(.plain)
        XCTAssertNotEqual(
            plain.terminalStyle(for: .listSelectedFocused, depth: .monochrome), plain.terminalStyle(for: .listNormal, depth: .monochrome))
    }
}
