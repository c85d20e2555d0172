import AssetScoreCore
import Foundation

/// The settings file, `$XDG_CONFIG_HOME/assetscore/config` (else `~/.config/...`):
/// `key = value` lines, `#` comments. Options and environment variables win over it.
///
/// The console reads `theme` and `keys`; ingestion reads the provider chain and the worker's
/// limits (see `IngestSettings`). There is deliberately no key for an API key: keys come only
/// from the environment or a file the user names (`api_key_file`).
struct ConsoleConfig {
    /// The console's keys, ingestion's, then `assetscore serve`'s (see `ServeCommand.configuration`).
    static let keys: Set<String> = [
        "theme", "keys", "graphics", "provider", "model", "base_url", "api_key_file", "concurrency", "max_tries", "requests_per_minute",
        "request_timeout", "connect_timeout",
        "serve.host", "serve.port", "serve.threads", "serve.api_tokens", "serve.webhook_secret", "serve.max_age",
        "serve.asset_base_url", "serve.asset_root", "serve.max_body_bytes", "serve.max_upload_bytes",
        "serve.connection_timeout", "serve.per_ip_connections", "serve.shutdown_grace", "serve.allow_private_downloads",
        "serve.inbox", "serve.webhook_campaign", "serve.worker",
    ]
    var values: [String: String] = [:]

    struct ConfigError: Error, CustomStringConvertible {
        var file: String
        var line: Int
        var message: String
        var description: String { "\(SafeText.display(file)):\(line): \(message)" }
    }

    static func url(_ env: [String: String]) -> URL {
        let base =
            env["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: env["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        return base.appendingPathComponent("assetscore/config")
    }

    /// An absent file is an empty configuration; a malformed one is an error naming file and line.
    static func load(_ url: URL) throws -> ConsoleConfig {
        guard FileManager.default.fileExists(atPath: url.path) else { return ConsoleConfig() }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: url.path, line: 0, message: "cannot read the file as UTF-8")
        }
        var config = ConsoleConfig()
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ConfigError(file: url.path, line: i + 1, message: "expected 'key = value'")
            }
            guard keys.contains(parts[0]) else {
                throw ConfigError(
                    file: url.path, line: i + 1,
                    message: "unknown setting '\(SafeText.display(parts[0]))' (known: \(keys.sorted().joined(separator: ", ")))")
            }
            config.values[parts[0]] = parts[1]
        }
        return config
    }
}
