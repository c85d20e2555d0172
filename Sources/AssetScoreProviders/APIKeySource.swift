import AssetScoreIngest
import Foundation

/// Finds the API key: in the file the configuration names, else in the environment variable.
///
/// Keys never come from the configuration file itself or the command line, where they would end
/// up in shell history, the database or a screenshot. Errors name the variable or file, never
/// the key, and do not echo file contents.
enum APIKeySource {
    static func resolve(_ configuration: ProviderConfiguration, environment: [String: String]) throws(ProviderFailure) -> String? {
        if let path = configuration.apiKeyFile {
            let expanded = (path as NSString).expandingTildeInPath
            guard let data = FileManager.default.contents(atPath: expanded) else {
                throw .misconfigured(message: "cannot read the API key file \(path)")
            }
            let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !key.isEmpty else { throw .misconfigured(message: "the API key file \(path) is empty") }
            try check(key, source: "the API key file \(path)")
            return key
        }
        guard let variable = configuration.apiKeyVariable ?? configuration.kind.defaultKeyVariable else { return nil }
        let key = (environment[variable] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else {
            throw .misconfigured(message: "\(configuration.kind.rawValue) needs an API key: set the environment variable \(variable) (or name a key file)")
        }
        try check(key, source: "the environment variable \(variable)")
        return key
    }

    /// A key goes into a header line: whitespace or control characters inside it would break
    /// (or inject into) the request.
    private static func check(_ key: String, source: String) throws(ProviderFailure) {
        guard key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .misconfigured(message: "the API key in \(source) contains spaces or characters that cannot go in a header")
        }
    }
}
