import Foundation

/// Finds and loads themes by name or path: user directories first, then the shipped `Themes/`.
public struct ThemeCatalog: Sendable {
    public static let defaultName = "default-dark"
    public static let monochromeName = "monochrome"
    /// The themes shipped as resources of this module.
    public static let shippedNames = ["default-dark", "light", "high-contrast", "monochrome"]

    /// Searched in order; the shipped directory is always last.
    public let directories: [URL]

    public init(userDirectories: [URL] = []) {
        directories = userDirectories + [Self.shippedDirectory]
    }

    /// Where the shipped `.theme` files are.
    public static var shippedDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Themes", isDirectory: true)
    }

    /// The theme to use: `monochrome` when NO_COLOR is set (to anything but "") or the terminal has
    /// no colour, else the requested one, else the default.
    public static func effectiveName(requested: String?, environment: [String: String], depth: ColorDepth) -> String {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return monochromeName }
        if depth == .monochrome { return monochromeName }
        return requested ?? defaultName
    }

    /// Loads a theme by name (found in `directories`) or by path (anything with a "/" or ending
    /// in ".theme"), following `inherit` lines.
    public func load(_ nameOrPath: String) throws(ThemeError) -> Theme {
        try load(nameOrPath, chain: [])
    }

    private func load(_ nameOrPath: String, chain: [String]) throws(ThemeError) -> Theme {
        let url = try locate(nameOrPath)
        let name = url.deletingPathExtension().lastPathComponent
        guard !chain.contains(url.path) else {
            throw ThemeError(file: url.path, line: 0, message: "inherit cycle: \((chain + [url.path]).joined(separator: " -> "))")
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ThemeError(file: url.path, line: 0, message: "cannot read theme file: \(error.localizedDescription)")
        }
        return try Theme.parse(text, file: url.path, name: name) { parent throws(ThemeError) in
            try load(parent, chain: chain + [url.path])
        }
    }

    /// The file for a theme name or path; the name `default` is the default theme.
    public func locate(_ nameOrPath: String) throws(ThemeError) -> URL {
        if nameOrPath == "default" { return try locate(Self.defaultName) }
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            let url = URL(fileURLWithPath: nameOrPath)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ThemeError(file: nameOrPath, line: 0, message: "theme file not found")
            }
            return url
        }
        for directory in directories {
            let url = directory.appendingPathComponent(nameOrPath + ".theme")
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        let known = (try? available().joined(separator: ", ")) ?? ""
        throw ThemeError(file: SafeName.of(nameOrPath), line: 0, message: "no such theme (available: \(known))")
    }

    /// Names of every theme in `directories`, sorted, without duplicates.
    public func available() throws -> [String] {
        var names: Set<String> = []
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in files where file.hasSuffix(".theme") { names.insert(String(file.dropLast(6))) }
        }
        return names.sorted()
    }

    /// The theme to draw with, never failing: the effective theme (see `effectiveName`), with the
    /// user `overrides` file on top. A theme or override that cannot be loaded is reported in
    /// `problems` and replaced by the default theme (or by no override).
    public func resolve(
        requested: String?, overrides: URL? = nil, environment: [String: String], depth: ColorDepth
    ) -> (theme: ResolvedTheme, problems: [ThemeError]) {
        var problems: [ThemeError] = []
        let name = Self.effectiveName(requested: requested, environment: environment, depth: depth)
        var theme: Theme
        do {
            theme = try load(name)
        } catch {
            problems.append(error)
            let fallback = name == Self.monochromeName ? Self.monochromeName : Self.defaultName
            do {
                theme = try load(fallback)
            } catch {
                problems.append(error)
                theme = .plain
            }
        }
        if let overrides {
            do {
                let text = try String(contentsOf: overrides, encoding: .utf8)
                theme = try Theme.parse(text, file: overrides.path, name: theme.name, base: theme) { parent throws(ThemeError) in
                    try load(parent)
                }
            } catch let error as ThemeError {
                problems.append(error)
            } catch {
                problems.append(ThemeError(file: overrides.path, line: 0, message: "cannot read theme file: \(error.localizedDescription)"))
            }
        }
        return (ResolvedTheme(theme), problems)
    }
}
