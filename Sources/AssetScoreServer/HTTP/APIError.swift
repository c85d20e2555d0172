import AssetScoreCore
import Foundation

/// An error a handler answers with: status, a stable code for programs, a message for people.
///
/// Every error body has the same shape, `{"error": {"code", "message", "field"?, "details"?}}`,
/// so an ESP template or a script can branch on `code` without parsing prose.
public struct APIError: Error, Sendable, CustomStringConvertible {
    /// One problem with one field of the request, e.g. `events[3].type`.
    public struct FieldProblem: Codable, Sendable, Hashable {
        public var field: String
        public var message: String
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public var status: Int
    public var code: String
    public var message: String
    /// The field the error is about, for 422s.
    public var field: String?
    /// Every field problem when there were several.
    public var details: [FieldProblem]
    public var headers: [(name: String, value: String)]

    public init(
        status: Int, code: String, message: String, field: String? = nil, details: [FieldProblem] = [],
        headers: [(name: String, value: String)] = []
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.details = details
        self.headers = headers
    }

    public var description: String { "\(status) \(code): \(message)" }

    public static func badRequest(_ message: String) -> APIError {
        APIError(status: 400, code: "bad_request", message: message)
    }
    public static func malformedJSON(_ message: String) -> APIError {
        APIError(status: 400, code: "malformed_json", message: message)
    }
    public static func unauthorized(_ message: String) -> APIError {
        APIError(status: 401, code: "unauthorized", message: message, headers: [("WWW-Authenticate", "Bearer")])
    }
    public static func forbidden(_ message: String) -> APIError {
        APIError(status: 403, code: "forbidden", message: message)
    }
    public static func notFound(_ message: String, code: String = "not_found") -> APIError {
        APIError(status: 404, code: code, message: message)
    }
    public static func payloadTooLarge(limit: Int) -> APIError {
        APIError(status: 413, code: "payload_too_large", message: "the request body is larger than \(limit) bytes")
    }
    public static func unsupportedMediaType(_ message: String) -> APIError {
        APIError(status: 415, code: "unsupported_media_type", message: message)
    }
    /// Wrong types or values: names the first field in the message, all of them in `details`.
    public static func invalid(_ problems: [FieldProblem]) -> APIError {
        let shown = problems.prefix(5).map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        let more = problems.count > 5 ? " (and \(problems.count - 5) more)" : ""
        return APIError(
            status: 422, code: "invalid_field", message: shown + more, field: problems.first?.field,
            details: Array(problems.prefix(100)))
    }
    public static func invalid(field: String, _ message: String) -> APIError {
        invalid([FieldProblem(field: field, message: message)])
    }
    public static func `internal`(_ message: String) -> APIError {
        APIError(status: 500, code: "internal_error", message: message)
    }
    public static func unavailable(_ message: String) -> APIError {
        APIError(status: 503, code: "unavailable", message: message)
    }

    private struct Body: Encodable {
        struct Inner: Encodable {
            var code: String
            var message: String
            var field: String?
            var details: [FieldProblem]?
        }
        var error: Inner
    }

    /// The JSON response. Messages are passed through `SafeText` so request text echoed back
    /// cannot carry control characters.
    public var response: HTTPResponse {
        let inner = Body.Inner(
            code: code, message: SafeText.display(message), field: field, details: details.isEmpty ? nil : details)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data =
            (try? encoder.encode(Body(error: inner)))
            ?? Data(#"{"error":{"code":"internal_error","message":"could not encode an error"}}"#.utf8)
        return HTTPResponse.json(status, data, headers: headers)
    }
}
