import AssetScoreCore
import Foundation

/// What a webhook delivers: an asset URL to fetch or the bytes themselves, with an optional
/// campaign and metadata (written as the analyser's sidecar JSON).
///
/// Three shapes:
/// - `application/json`: `{"url": "https://…/banner.png", "campaign"?: "…", "filename"?: "…",
///   "metadata"?: {"title", "description", "alt_text", "tags": [..], "facets": {"theme": [..]}}}`
/// - a raw image body (`image/png`, `image/jpeg`, …), campaign and filename in the query string;
/// - `multipart/form-data` with a `file` part and optional `campaign`, `filename` and `metadata`
///   (JSON text) parts.
struct WebhookPayload {
    enum Source {
        case url(URL)
        case bytes(Data)
    }
    var source: Source
    var campaign: String?
    var filename: String?
    /// The sidecar object, re-encoded from what was sent (only the known keys).
    var metadata: [(String, JSONValue)]

    static let imageTypes: Set<String> = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/tiff"]

    static func parse(_ request: HTTPRequest) throws -> WebhookPayload {
        guard let type = request.mediaType else {
            throw APIError.unsupportedMediaType("send application/json, multipart/form-data or an image type (no Content-Type was given)")
        }
        if imageTypes.contains(type) {
            guard !request.body.isEmpty else { throw APIError.badRequest("the upload is empty") }
            return WebhookPayload(
                source: .bytes(request.body), campaign: try name(request.queryValue("campaign"), field: "campaign"),
                filename: try request.queryValue("filename"), metadata: [])
        }
        if type == "multipart/form-data" { return try multipart(request) }
        if type == "application/json" || type.hasSuffix("+json") { return try json(request) }
        throw APIError.unsupportedMediaType(
            "send application/json, multipart/form-data or an image (\(imageTypes.sorted().joined(separator: ", "))), not \(type)")
    }

    static func json(_ request: HTTPRequest) throws -> WebhookPayload {
        var r = FieldReader(try JSONBody.object(request))
        r.rejectUnknown(["url", "campaign", "filename", "metadata"])
        let url = r.string("url", required: true, maxLength: 4096)
        let campaign = r.string("campaign", required: false)
        let filename = r.string("filename", required: false)
        var parsed: URL?
        if let url {
            if let u = URL(string: url), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https", u.host != nil {
                parsed = u
            } else {
                r.fail("url", "expected an http or https URL with a host")
            }
        }
        let metadata = try Self.metadata(r.value("metadata"), reader: &r)
        guard r.problems.isEmpty, let parsed else { throw APIError.invalid(r.problems) }
        return WebhookPayload(source: .url(parsed), campaign: try name(campaign, field: "campaign"), filename: filename, metadata: metadata)
    }

    static func multipart(_ request: HTTPRequest) throws -> WebhookPayload {
        let header = request.header("content-type") ?? ""
        guard let boundary = MultipartBody.boundary(header) else {
            throw APIError.badRequest("multipart/form-data needs a boundary parameter")
        }
        let parts = try MultipartBody.parts(request.body, boundary: boundary)
        guard let file = parts.first(where: { $0.name == "file" }), !file.body.isEmpty else {
            throw APIError.invalid(field: "file", "a multipart upload needs a non-empty 'file' part")
        }
        func text(_ name: String) -> String? {
            parts.first { $0.name == name }.map { String(decoding: $0.body, as: UTF8.self) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var r = FieldReader([])
        var metadata: [(String, JSONValue)] = []
        if let m = text("metadata") {
            do {
                metadata = try Self.metadata(try JSONValue.parse(Data(m.utf8)), reader: &r)
            } catch let e as JSONValue.SyntaxError {
                throw APIError.malformedJSON("the metadata part is not valid JSON: \(e.message)")
            }
        }
        if !r.problems.isEmpty { throw APIError.invalid(r.problems) }
        return WebhookPayload(
            source: .bytes(file.body), campaign: try name(text("campaign"), field: "campaign"), filename: text("filename") ?? file.filename,
            metadata: metadata)
    }

    /// The sidecar keys the analyser reads; anything else is refused so a typo is not lost.
    static func metadata(_ value: JSONValue?, reader r: inout FieldReader) throws -> [(String, JSONValue)] {
        guard let value, !value.isNull else { return [] }
        guard let members = value.members else {
            r.fail("metadata", "expected an object, got \(value.kindName)")
            return []
        }
        var m = FieldReader(members, path: "metadata")
        m.rejectUnknown(["title", "description", "alt_text", "tags", "facets"])
        for key in ["title", "description", "alt_text"] { _ = m.string(key, required: false, maxLength: 2000) }
        if let tags = m.value("tags"), !(tags.arrayValue?.allSatisfy { $0.stringValue != nil } ?? false) {
            m.fail("tags", "expected a list of strings")
        }
        if let facets = m.value("facets") {
            let ok = facets.members?.allSatisfy { $0.1.arrayValue?.allSatisfy { $0.stringValue != nil } ?? false } ?? false
            if !ok { m.fail("facets", "expected an object of facet: [values]") }
        }
        r.problems += m.problems
        return members
    }

    /// Campaign ids become folder-free names in the store: letters, digits, '-', '_', '.'.
    static func name(_ text: String?, field: String) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        let ok =
            text.count <= 100
            && text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }
        guard ok else { throw APIError.invalid(field: field, "use letters, digits, '-', '_' and '.' (at most 100), got '\(text)'") }
        return text
    }
}
