import Foundation

/// Builds the public URL of an asset from the configured base URL and the asset's path.
///
/// The store keeps paths as ingested (relative to where the CLI ran, or absolute); an ESP needs
/// a URL on a CDN. The path relative to `root` (else the file name) is appended to the base,
/// each segment percent-encoded, so `sample-assets/summer-sale/beach day.png` under base
/// `https://cdn.example.com/a` becomes `https://cdn.example.com/a/sample-assets/summer-sale/beach%20day.png`.
struct AssetURL: Sendable {
    let base: String?
    let root: String

    init(base: String?, root: String?) {
        self.base = base.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        let r = root ?? FileManager.default.currentDirectoryPath
        self.root = r.hasSuffix("/") ? r : r + "/"
    }

    func url(for path: String) -> String? {
        guard let base else { return nil }
        var relative = path
        if path.hasPrefix("/") {
            relative =
                path.hasPrefix(root) ? String(path.dropFirst(root.count)) : (path.split(separator: "/").last.map(String.init) ?? path)
        }
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#;"))
        let encoded = relative.split(separator: "/").filter { $0 != "." && $0 != ".." }
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
        return base + "/" + encoded.joined(separator: "/")
    }
}
