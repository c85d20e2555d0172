import AssetScoreCore
import AssetScoreIngest
import Foundation

/// Builds model providers for the worker from the ingest settings.
///
/// The model providers live in their own module (issue 4, `providers` branch); until it is
/// merged this says so for every model provider, which the fallback chain treats like any
/// misconfigured provider (it moves on, or the job fails naming the reason).
enum ProviderWiring {
    static func factory(_ settings: IngestSettings, environment: [String: String])
        -> @Sendable (_ name: String, _ model: String?) throws -> any AnalysisProvider
    {
        { name, _ in
            throw ProviderFailure.misconfigured(message: "the \(name) provider is not part of this build")
        }
    }

    static let crossCheck: @Sendable (ProviderAnalysis, ProviderAnalysis) -> [AnalysisDisagreement] = { _, _ in [] }
}
