import AssetScoreCore
import Foundation

/// One file's finished analysis, ready to be mapped and saved: from the embedded analyser alone,
/// or a model's answer merged with the embedded measurements.
public struct AnalysedFile: Sendable {
    /// "embedded", or the model provider that answered.
    public var analyser: String
    public var model: String?
    /// The embedded analyser's version, or "PROMPT-VERSION + embedded VERSION" for a merge.
    public var analyserVersion: String
    public var fields: AnalysisFields
    public var rawTags: [RawTag]
    public var rawOutput: String
    public var mediaType: String
    public var disagreements: [AnalysisDisagreement]
    /// What the model call cost (nil for the embedded analyser alone).
    public var usage: ProviderUsage?
    /// The model's answer came from the cache: nothing was paid.
    public var cached: Bool

    public init(
        analyser: String, model: String? = nil, analyserVersion: String, fields: AnalysisFields, rawTags: [RawTag],
        rawOutput: String, mediaType: String, disagreements: [AnalysisDisagreement] = [], usage: ProviderUsage? = nil,
        cached: Bool = false
    ) {
        self.analyser = analyser
        self.model = model
        self.analyserVersion = analyserVersion
        self.fields = fields
        self.rawTags = rawTags
        self.rawOutput = rawOutput
        self.mediaType = mediaType
        self.disagreements = disagreements
        self.usage = usage
        self.cached = cached
    }

    /// The embedded analyser's answer as it is.
    public init(embedded a: ProviderAnalysis) {
        self.init(
            analyser: a.provider, model: a.model, analyserVersion: a.version, fields: a.fields, rawTags: a.rawTags,
            rawOutput: a.rawOutput, mediaType: a.mediaType)
    }
}

/// Which analysis a stored one must match to count as current: a different analyser, model or
/// version means the file is analysed again ("the analyser changed").
public struct AnalyserIdentity: Sendable, Hashable {
    public var analyser: String
    public var model: String?
    public var version: String

    public init(analyser: String, model: String?, version: String) {
        self.analyser = analyser
        self.model = model
        self.version = version
    }
}
