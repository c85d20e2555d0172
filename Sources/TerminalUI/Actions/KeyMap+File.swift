import Foundation

/// Key-map files: one binding per line, `pane action key [key...]`.
///
/// `#` starts a comment when it begins a word (write the # key as `hash`). `none` as the only key
/// unbinds the action. A line replaces all keys of that action in that pane; a key another action
/// of the same pane had moves to this one. Everything the file does not name keeps its default.
///
///     # pane    action       keys
///     global    quit         q ctrl-c
///     review    accept-best  a enter
///     review    reject       none
extension KeyMap {
    /// The defaults of `actions` with the user file at `url` applied on top.
    public static func load(actions: [ActionSpec], userFile url: URL) throws(KeyMapError) -> KeyMap {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw KeyMapError(file: url.path, line: 0, message: "cannot read key-map file: \(error.localizedDescription)")
        }
        var map = KeyMap(actions: actions)
        try map.apply(text, file: url.path)
        return map
    }

    /// Applies the lines of a key-map file; on an error nothing is changed.
    public mutating func apply(_ text: String, file: String) throws(KeyMapError) {
        var result = self
        var seenActions: [String: Int] = [:]
        var seenKeys: [String: (action: String, line: Int)] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let words = Self.words(raw)
            guard !words.isEmpty else { continue }
            func fail(_ message: String) -> KeyMapError { KeyMapError(file: file, line: line, message: message) }
            guard words.count >= 3 else {
                throw fail("expected 'pane action key [key...]', got \(words.count) word\(words.count == 1 ? "" : "s")")
            }
            let pane = words[0]
            let action = words[1]
            guard panes.contains(pane) else {
                throw fail("unknown pane '\(SafeName.of(pane))' (panes: \(panes.sorted().joined(separator: ", ")))")
            }
            guard spec(action, in: pane) != nil else {
                let names = actions.filter { $0.pane == pane }.map(\.name).joined(separator: ", ")
                throw fail("no action '\(SafeName.of(action))' in pane '\(pane)' (actions: \(names))")
            }
            if let earlier = seenActions["\(pane) \(action)"] {
                throw fail("'\(pane) \(action)' is already bound at line \(earlier)")
            }
            seenActions["\(pane) \(action)"] = line
            var keys: [Key] = []
            let names = Array(words.dropFirst(2))
            if names.map({ $0.lowercased() }) == ["none"] {
                result.rebind(action, in: pane, to: [])
                continue
            }
            for name in names {
                if name.lowercased() == "none" { throw fail("'none' must be the only key on its line") }
                let key: Key
                do { key = try Key(name: name) } catch { throw fail(error.description) }
                if key == .resize { throw fail("resize is not a key that can be bound") }
                if let earlier = seenKeys["\(pane) \(key.name)"], earlier.action != action {
                    throw fail("key \(key.name) in pane '\(pane)' is already bound to '\(earlier.action)' at line \(earlier.line)")
                }
                seenKeys["\(pane) \(key.name)"] = (action, line)
                if !keys.contains(key) { keys.append(key) }
            }
            result.rebind(action, in: pane, to: keys)
        }
        self = result
    }

    /// The words of one line, up to a word starting with `#`.
    private static func words(_ line: Substring) -> [String] {
        var words: [String] = []
        for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
            if word.hasPrefix("#") { break }
            words.append(String(word))
        }
        return words
    }

    /// Every binding as key-map file lines (a commented cheat sheet, and a starting point for a
    /// user file): pane by pane, in table order.
    public func fileText() -> String {
        var lines = ["# pane action key [key...]   ('none' unbinds; write # as hash)"]
        var panesInOrder: [String] = [ActionSpec.global]
        for spec in actions where !panesInOrder.contains(spec.pane) { panesInOrder.append(spec.pane) }
        for pane in panesInOrder {
            for spec in actions where spec.pane == pane {
                let keys = keys(for: spec.name, in: pane)
                let keyText = keys.isEmpty ? "none" : keys.map(\.name).joined(separator: " ")
                lines.append("\(pane) \(spec.name) \(keyText)   # \(spec.help)\(spec.destructive ? " (destructive)" : "")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
