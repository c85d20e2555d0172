import AssetScoreCore
import AssetScoreIngest
import AssetScoreProviders
import Foundation

/// Builds model providers for the worker from the ingest settings, and adapts `CrossCheck`.
///
/// `--model`, `--base-url` and `--api-key-file` take one value for every model provider of the
/// chain, or per provider as `name=value,name=value` (a chain of OpenAI then Anthropic needs two
/// model names). The key itself is read by the provider, from the environment or the named file.
enum ProviderWiring {
    /// A provider as a job's spec asks; each of its fields that is nil takes these settings
    /// (the running process's), so a job enqueued with `--base-url` keeps it in a later run
    /// started without one.
    static func factory(_ settings: IngestSettings, environment: [String: String])
        -> @Sendable (_ name: String, _ spec: ProviderSpec) throws -> any AnalysisProvider
    {
        { name, spec in
            guard let kind = ProviderKind(rawValue: name) else {
                throw ProviderFailure.misconfigured(message: "unknown provider '\(SafeText.display(name))'")
            }
            guard let model = value(for: name, in: spec.model ?? settings.model), !model.isEmpty else {
                throw ProviderFailure.misconfigured(
                    message: "\(name) needs a model name: give --model (or model = ... in the config file), e.g. --model \(name)=MODEL")
            }
            var baseURL: URL?
            if let text = value(for: name, in: spec.baseURL ?? settings.baseURL) {
                guard let url = URL(string: text) else {
                    throw ProviderFailure.misconfigured(message: "\(name): the base URL '\(SafeText.display(text))' is not a URL")
                }
                baseURL = url
            }
            let configuration = ProviderConfiguration(
                kind: kind, model: model, baseURL: baseURL, apiKeyFile: value(for: name, in: spec.apiKeyFile ?? settings.apiKeyFile),
                connectTimeout: settings.connectTimeout, requestTimeout: settings.requestTimeout)
            return try ProviderFactory.make(configuration: configuration, environment: environment)
        }
    }

    /// Builds every model provider of the chain once (no network: key, model and URL only), so a
    /// missing key or model is one clear error before anything is queued, rather than every file
    /// failing, or a chain quietly falling back to the next provider the operator did not choose.
    static func check(_ settings: IngestSettings, environment: [String: String]) throws {
        let make = factory(settings, environment: environment)
        for name in settings.providers where name != "embedded" {
            do {
                _ = try make(name, ProviderSpec())
            } catch let failure as ProviderFailure {
                throw SetupError(message: "--provider \(name): \(failure)")
            }
        }
    }

    struct SetupError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The value for `name` in "v" (everyone's) or "a=v1,b=v2" (per provider).
    static func value(for name: String, in spec: String?) -> String? {
        guard let spec, !spec.isEmpty else { return nil }
        let named = namedParts(spec)
        if named.isEmpty { return spec }
        return named.first { $0.name == name }?.value
    }

    /// The "name=value" parts of a per-provider spec; empty when the spec is one value for all.
    static func namedParts(_ spec: String) -> [(name: String, value: String)] {
        spec.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.compactMap { part in
            guard let eq = part.firstIndex(of: "="), IngestSettings.providerNames.contains(String(part[..<eq])) else { return nil }
            return (String(part[..<eq]), String(part[part.index(after: eq)...]))
        }
    }

    /// The key file spec with every path absolute (and `~` expanded): it is stored with each
    /// job, and the run that picks a job up may start in another directory.
    static func absoluteKeyFiles(_ spec: String) -> String {
        func absolute(_ path: String) -> String {
            let expanded = NSString(string: path).expandingTildeInPath
            return expanded.hasPrefix("/")
                ? expanded : URL(fileURLWithPath: expanded).standardizedFileURL.path
        }
        let named = namedParts(spec)
        if named.isEmpty { return absolute(spec) }
        return named.map { "\($0.name)=\(absolute($0.value))" }.joined(separator: ",")
    }

    static let crossCheck: @Sendable (ProviderAnalysis, ProviderAnalysis) -> [AnalysisDisagreement] = { model, embedded in
        CrossCheck.compare(model: model, embedded: embedded).map {
            AnalysisDisagreement(
                field: $0.field, modelClaim: $0.modelClaim, provider: model.provider, measured: $0.measurement, note: $0.explanation)
        }
    }
}
