/// File names as the panes show them.
enum FileName {
    /// The last path component, as `URL.lastPathComponent` gives it for a stored path, without
    /// building a URL (which costs more than drawing the row it names).
    static func of(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        guard let slash = path.lastIndex(of: "/"), path != "/" else { return String(path) }
        return String(path[path.index(after: slash)...])
    }
}
