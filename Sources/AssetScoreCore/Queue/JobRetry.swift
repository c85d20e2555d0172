import Foundation

/// A retry the worker schedules: when, why, and where in the provider chain to resume.
public struct JobRetry: Sendable, Hashable {
    public var notBefore: Date
    /// The failure that caused it, naming the file.
    public var error: String
    public var chainPosition: Int
    /// Tries already made at `chainPosition`.
    public var positionAttempts: Int
    /// Tokens billed by this try without a usable answer (a refusal, a truncated answer):
    /// added to the job's spend.
    public var tokensIn: Int
    public var tokensOut: Int
    public var costUSD: Double?

    public init(
        notBefore: Date, error: String, chainPosition: Int, positionAttempts: Int, tokensIn: Int = 0, tokensOut: Int = 0,
        costUSD: Double? = nil
    ) {
        self.notBefore = notBefore
        self.error = error
        self.chainPosition = chainPosition
        self.positionAttempts = positionAttempts
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.costUSD = costUSD
    }
}
