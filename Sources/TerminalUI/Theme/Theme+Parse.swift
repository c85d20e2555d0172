import Foundation

/// Theme files, one directive per line. `#` starts a comment when it begins the line or a word that
/// is not hex digits: "#5fafff" is a colour (and "#5faff" a wrong one), "# accent" a comment.
///
///     inherit default-dark                 # optional, first: start from another theme
///     color  accent  #5fafff               # palette: a name and a colour
///     role   list.selected.focused  fg=bg bg=accent bold
///     role   tag.unmapped           fg=#ff8700 underline
///
/// `fg=` and `bg=` take a palette name, "#rrggbb" or "default" (the terminal's own colour);
/// attributes are bold, underline, reverse and dim. A file parsed over a base theme (a user file,
/// or one that says `inherit`) replaces only the colours and roles it names.
extension Theme {
    /// Parses `text`. `inherit NAME` lines are resolved through `resolveInherit`; without one the
    /// file starts from `base` (or from nothing).
    public static func parse(
        _ text: String, file: String, name: String? = nil, base: Theme? = nil,
        resolveInherit: (String) throws(ThemeError) -> Theme = { name throws(ThemeError) in
            throw ThemeError(file: name, line: 0, message: "inherit is not available here")
        }
    ) throws(ThemeError) -> Theme {
        var theme = base ?? Theme(name: name ?? file)
        theme.name = name ?? theme.name
        var colorLines: [String: Int] = [:]
        var roleLines: [Role: Int] = [:]
        var sawDirective = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            func fail(_ message: String) -> ThemeError { ThemeError(file: file, line: line, message: message) }
            let words = Self.words(raw)
            guard let directive = words.first else { continue }
            switch directive {
            case "inherit":
                guard !sawDirective else { throw fail("'inherit' must come before any color or role line") }
                guard words.count == 2 else { throw fail("expected 'inherit THEME-NAME'") }
                do {
                    let parent = try resolveInherit(words[1])
                    theme.palette = parent.palette
                    theme.roles = parent.roles
                } catch {
                    throw fail("cannot inherit '\(SafeName.of(words[1]))': \(error.description)")
                }
            case "color":
                guard words.count == 3 else { throw fail("expected 'color NAME #rrggbb'") }
                guard Self.isName(words[1]), words[1].lowercased() != "default" else {
                    throw fail("'\(SafeName.of(words[1]))' cannot be a colour name (letters, digits, - and _)")
                }
                guard let rgb = RGB(hex: words[2]) else {
                    throw fail("'\(SafeName.of(words[2]))' is not a colour; write #rrggbb")
                }
                if let earlier = colorLines[words[1]] { throw fail("colour '\(words[1])' is already defined at line \(earlier)") }
                colorLines[words[1]] = line
                theme.palette[words[1]] = rgb
            case "role":
                guard words.count >= 2 else { throw fail("expected 'role ROLE [fg=COLOR] [bg=COLOR] [bold] [underline] [reverse] [dim]'") }
                guard words[1].split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ Self.isName(String($0)) }) else {
                    throw fail("'\(SafeName.of(words[1]))' is not a role name (dot-separated words)")
                }
                let role = Role(words[1])
                if let earlier = roleLines[role] { throw fail("role '\(role)' is already defined at line \(earlier)") }
                roleLines[role] = line
                theme.roles[role] = try roleDefinition(words.dropFirst(2), file: file, line: line)
            default:
                throw fail("unknown directive '\(SafeName.of(directive))' (expected inherit, color or role)")
            }
            sawDirective = true
        }
        try theme.checkColorNames(definedIn: file)
        return theme
    }

    private static func roleDefinition(_ words: ArraySlice<String>, file: String, line: Int) throws(ThemeError) -> RoleDefinition {
        var definition = RoleDefinition(file: file, line: line)
        for word in words {
            func fail(_ message: String) -> ThemeError { ThemeError(file: file, line: line, message: message) }
            if let attribute = TextAttributes.names.first(where: { $0.0 == word.lowercased() }) {
                definition.attributes.insert(attribute.1)
            } else if word.hasPrefix("fg=") || word.hasPrefix("bg=") {
                let value = String(word.dropFirst(3))
                guard !value.isEmpty else { throw fail("'\(word)' needs a colour") }
                let ref = ColorRef(parsing: value)
                if case .named(let name) = ref, !isName(name) {
                    throw fail("'\(SafeName.of(value))' is not a colour; use a palette name, #rrggbb or default")
                }
                if word.hasPrefix("fg=") {
                    guard definition.foreground == nil else { throw fail("fg= is given twice") }
                    definition.foreground = ref
                } else {
                    guard definition.background == nil else { throw fail("bg= is given twice") }
                    definition.background = ref
                }
            } else {
                throw fail("unknown word '\(SafeName.of(word))' (expected fg=, bg=, bold, underline, reverse or dim)")
            }
        }
        return definition
    }

    /// Every palette name a role uses must exist once all files are read (a user file may use
    /// names from the theme beneath it).
    func checkColorNames(definedIn file: String) throws(ThemeError) {
        for (role, definition) in roles.sorted(by: { $0.value.line < $1.value.line }) {
            for case .named(let name)? in [definition.foreground, definition.background] where palette[name] == nil {
                throw ThemeError(
                    file: definition.file, line: definition.line,
                    message: "role '\(role)' uses colour '\(name)', which no color line defines")
            }
        }
    }

    private static func words(_ line: Substring) -> [String] {
        var words: [String] = []
        for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
            if word.hasPrefix("#") && (words.isEmpty || word.count == 1 || !word.dropFirst().allSatisfy(\.isHexDigit)) { break }
            words.append(String(word))
        }
        return words
    }

    private static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
