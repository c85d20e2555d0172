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
    static func factory(_ settings: IngestSettings, environment: [String: String])
        -> @Sendable (_ name: String, _ model: String?) throws -> any AnalysisProvider
    {
        { name, modelSpec in
            guard let kind = ProviderKind(rawValue: name) else {
                throw ProviderFailure.misconfigured(message: "unknown provider '\(SafeText.display(name))'")
            }
            guard let model = value(for: name, in: modelSpec ?? settings.model), !model.isEmpty else {
                throw ProviderFailure.misconfigured(
                    message: "\(name) needs a model name: give --model (or model = ... in the config file), e.g. --model \(name)=MODEL")
            }
            var baseURL: URL?
            if let text = value(for: name, in: settings.baseURL) {
                guard let url = URL(string: text) else {
                    throw ProviderFailure.misconfigured(message: "\(name): the base URL '\(SafeText.display(text))' is not a URL")
                }
                baseURL = url
            }
            let configuration = ProviderConfiguration(
                kind: kind, model: model, baseURL: baseURL, apiKeyFile: value(for: name, in: settings.apiKeyFile))
            return try ProviderFactory.make(configuration: configuration, environment: environment)
        }
    }

    /// The value for `name` in "v" (everyone's) or "a=v1,b=v2" (per provider).
    static func value(for name: String, in spec: String?) -> String? {
        guard let spec, !spec.isEmpty else { return nil }
        let parts = spec.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let named = parts.compactMap { part -> (String, String)? in
            guard let eq = part.firstIndex(of: "="), IngestSettings.providerNames.contains(String(part[..<eq])) else { return nil }
            return (String(part[..<eq]), String(part[part.index(after: eq)...]))
        }
        if named.isEmpty { return spec }
        return named.first { $0.0 == name }?.1
    }

    static let crossCheck: @Sendable (ProviderAnalysis, ProviderAnalysis) -> [AnalysisDisagreement] = { model, embedded in
        CrossCheck.compare(model: model, embedded: embedded).map {
            AnalysisDisagreement(
                field: $0.field, modelClaim: $0.modelClaim, provider: model.provider, measured: $0.measurement, note: $0.explanation)
        }
    }
}
