import AssetScoreCore
import Foundation

/// A usage error: the command line itself is wrong. Printed with the command's usage.
public struct UsageError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Parsed command-line words: positionals, valued options (possibly repeated) and flags.
///
/// Options are declared up front so that a typo (`--campain`) is an error, not a silently
/// ignored word. `--name=value` and `--name value` are both accepted; `--` ends options.
public struct Arguments {
    public private(set) var positionals: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    public init(_ words: [String], options: Set<String> = [], flags: Set<String> = []) throws {
        let knownFlags = flags.union(["json", "help"])
        var i = 0
        var onlyPositionals = false
        while i < words.count {
            let word = words[i]
            i += 1
            if onlyPositionals || !word.hasPrefix("--") || word == "-" {
                if !onlyPositionals, word.hasPrefix("-"), word.count == 2, word != "-" {
                    if word == "-h" {
                        self.flags.insert("help")
                        continue
                    }
                    throw UsageError("unknown option '\(SafeText.display(word))'")
                }
                positionals.append(word)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if knownFlags.contains(name) {
                guard inlineValue == nil else { throw UsageError("option --\(name) takes no value") }
                self.flags.insert(name)
            } else if options.contains(name) {
                let value: String
                if let v = inlineValue {
                    value = v
                } else {
                    guard i < words.count else { throw UsageError("option --\(name) needs a value") }
                    value = words[i]
                    i += 1
                }
                values[name, default: []].append(value)
            } else {
                throw UsageError("unknown option '--\(SafeText.display(name))'")
            }
        }
    }

    public func flag(_ name: String) -> Bool { flags.contains(name) }
    public func value(_ name: String) -> String? { values[name]?.last }
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    public func double(_ name: String) throws -> Double? {
        guard let v = value(name) else { return nil }
        guard let d = Double(v), d.isFinite else { throw UsageError("--\(name) needs a number, got '\(SafeText.display(v))'") }
        return d
    }

    public func int(_ name: String) throws -> Int? {
        guard let v = value(name) else { return nil }
        guard let n = Int(v) else { throw UsageError("--\(name) needs a whole number, got '\(SafeText.display(v))'") }
        return n
    }

    public func require(_ name: String) throws -> String {
        guard let v = value(name), !v.isEmpty else { throw UsageError("missing --\(name)") }
        return v
    }

    public func positional(_ index: Int, _ what: String) throws -> String {
        guard index < positionals.count else { throw UsageError("missing \(what)") }
        return positionals[index]
    }

    public func noMorePositionals(than n: Int) throws {
        if positionals.count > n {
            throw UsageError("unexpected argument '\(SafeText.display(positionals[n]))'")
        }
    }
}
