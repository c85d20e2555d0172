import AssetScoreCore
import Foundation

/// Reads a JSON request body: 415 for another media type, 400 for text that is not JSON
/// (saying what and on which line), 422 when the top level is not an object.
enum JSONBody {
    static func object(_ request: HTTPRequest) throws -> [(String, JSONValue)] {
        guard let type = request.mediaType else {
            throw APIError.unsupportedMediaType("send the body as application/json (no Content-Type was given)")
        }
        guard type == "application/json" || type.hasSuffix("+json") else {
            throw APIError.unsupportedMediaType("send the body as application/json, not \(type)")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(request.body)
        } catch let e as JSONValue.SyntaxError {
            let at = e.line.map { " (line \($0))" } ?? ""
            throw APIError.malformedJSON("the body is not valid JSON\(at): \(e.message)")
        }
        guard let members = value.members else {
            throw APIError.invalid(field: "(body)", "expected a JSON object, got \(value.kindName)")
        }
        return members
    }
}

/// Walks one JSON object and collects every problem with its field path, so a 422 names all of
/// them at once instead of one per round trip.
struct FieldReader {
    let members: [(String, JSONValue)]
    let path: String
    var problems: [APIError.FieldProblem] = []

    init(_ members: [(String, JSONValue)], path: String = "") {
        self.members = members
        self.path = path
    }

    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    func value(_ key: String) -> JSONValue? { members.first { $0.0 == key }?.1 }

    mutating func fail(_ key: String, _ message: String) {
        problems.append(.init(field: field(key), message: message))
    }

    /// A string of 1...`maxLength` characters; nil (and a problem when required) otherwise.
    mutating func string(_ key: String, required: Bool, maxLength: Int = 200) -> String? {
        guard let v = value(key), !v.isNull else {
            if required { fail(key, "is required") }
            return nil
        }
        guard let s = v.stringValue else {
            fail(key, "expected a string, got \(v.kindName)")
            return nil
        }
        guard !s.isEmpty else {
            fail(key, "must not be empty")
            return nil
        }
        guard s.count <= maxLength else {
            fail(key, "is longer than \(maxLength) characters")
            return nil
        }
        return s
    }

    /// A finite number within `range`.
    mutating func number(_ key: String, required: Bool, range: ClosedRange<Double>) -> Double? {
        guard let v = value(key), !v.isNull else {
            if required { fail(key, "is required") }
            return nil
        }
        guard let n = v.numberValue, n.isFinite else {
            fail(key, "expected a number, got \(v.kindName)")
            return nil
        }
        guard range.contains(n) else {
            fail(key, "must be from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound)), got \(Self.format(n))")
            return nil
        }
        return n
    }

    /// Names keys outside `allowed`: a misspelt field should not be ignored silently.
    mutating func rejectUnknown(_ allowed: Set<String>) {
        for (key, _) in members where !allowed.contains(key) {
            fail(key, "unknown field (expected: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    static func format(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    }
}
