import Foundation

/// Where "now" comes from, injected so "3 min ago" and spinners can be tested at a fixed time.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The real clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that says what it was told, for tests and scripted runs.
public struct FixedClock: Clock {
    public var date: Date
    public init(_ date: Date) { self.date = date }
    public func now() -> Date { date }
}
