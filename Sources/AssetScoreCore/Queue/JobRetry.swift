import Foundation

/// A retry the worker schedules: when, why, and where in the provider chain to resume.
public struct JobRetry: Sendable, Hashable {
    public var notBefore: Date
    /// The failure that caused it, naming the file.
    public var error: String
    public var chainPosition: Int
    /// Tries already made at `chainPosition`.
    public var positionAttempts: Int

    public init(notBefore: Date, error: String, chainPosition: Int, positionAttempts: Int) {
        self.notBefore = notBefore
        self.error = error
        self.chainPosition = chainPosition
        self.positionAttempts = positionAttempts
    }
}
