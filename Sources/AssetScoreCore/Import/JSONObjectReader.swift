import Foundation

/// Reads typed members of one JSON object, collecting an error (with its path) for each
/// member of the wrong type, missing when required, or not allowed.
struct JSONObjectReader {
    let file: String
    let path: String
    let members: [(String, JSONValue)]
    private(set) var errors: [ImportError] = []
    /// Set when the value was not an object at all.
    let isObject: Bool

    init(_ value: JSONValue, path: String, file: String, line: Int? = nil) {
        self.file = file
        self.path = path
        self.line = line
        if let m = value.members {
            members = m
            isObject = true
        } else {
            members = []
            isObject = false
            errors.append(ImportError(file: file, line: line, path: path, message: "expected an object, found \(value.kindName)"))
        }
    }

    let line: Int?

    func memberPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func fail(_ key: String?, _ message: String) {
        errors.append(ImportError(file: file, line: line, path: key.map(memberPath) ?? path, message: message))
    }

    subscript(key: String) -> JSONValue? { members.first { $0.0 == key }?.1 }

    /// A string member; null and absent give nil (and an error when required).
    mutating func string(_ key: String, required: Bool = false) -> String? {
        switch self[key] {
        case .string(let s)?: return s
        case nil, .null?:
            if required, isObject { fail(key, "is required") }
            return nil
        case let other?:
            fail(key, "expected a string, found \(other.kindName)")
            return nil
        }
    }

    mutating func number(_ key: String) -> Double? {
        switch self[key] {
        case .number(let n)?: return n
        case nil, .null?: return nil
        case let other?:
            fail(key, "expected a number, found \(other.kindName)")
            return nil
        }
    }

    /// A list of strings; a single string is accepted as a one-element list.
    mutating func stringList(_ key: String) -> [String] {
        switch self[key] {
        case nil, .null?: return []
        case .string(let s)?: return [s]
        case .array(let items)?:
            var out: [String] = []
            for (i, item) in items.enumerated() {
                if case .string(let s) = item {
                    out.append(s)
                } else {
                    errors.append(
                        ImportError(
                            file: file, line: line, path: "\(memberPath(key))[\(i)]",
                            message: "expected a string, found \(item.kindName)"))
                }
            }
            return out
        case let other?:
            fail(key, "expected an array of strings, found \(other.kindName)")
            return []
        }
    }

    /// Reports members outside `allowed`, which are usually typos that would otherwise be ignored.
    mutating func rejectUnknownKeys(_ allowed: Set<String>) {
        for (key, _) in members where !allowed.contains(key) {
            fail(key, "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }
}
