import Foundation

/// A model's answer for one image, kept so the same bytes never pay twice.
///
/// Keyed by content hash, provider, model and prompt version: a new prompt or model is a new
/// question, the same question about the same bytes has the same answer.
public struct CachedAnalysis: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var contentHash: String
        public var provider: String
        /// "" when the provider names no model.
        public var model: String
        public var promptVersion: String

        public init(contentHash: String, provider: String, model: String?, promptVersion: String) {
            self.contentHash = contentHash
            self.provider = provider
            self.model = model ?? ""
            self.promptVersion = promptVersion
        }
    }

    public var key: Key
    public var fields: AnalysisFields
    public var rawTags: [RawTag]
    public var rawOutput: String
    public var mediaType: String
    /// What the original call cost.
    public var tokensIn: Int
    public var tokensOut: Int
    public var costUSD: Double?
    public var createdAt: Date

    public init(
        key: Key, fields: AnalysisFields, rawTags: [RawTag], rawOutput: String, mediaType: String, tokensIn: Int = 0,
        tokensOut: Int = 0, costUSD: Double? = nil, createdAt: Date = Date()
    ) {
        self.key = key
        self.fields = fields
        self.rawTags = rawTags
        self.rawOutput = rawOutput
        self.mediaType = mediaType
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.costUSD = costUSD
        self.createdAt = createdAt
    }
}
