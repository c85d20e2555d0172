import Foundation

/// A settings file (a theme, a key map) that cannot be used, with the file and line to fix.
public struct SettingsFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is the file as a whole (missing, unreadable, an inherit cycle).
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// A key bindings file that cannot be used.
public typealias KeyMapError = SettingsFileError
/// A theme file that cannot be used.
public typealias ThemeError = SettingsFileError
