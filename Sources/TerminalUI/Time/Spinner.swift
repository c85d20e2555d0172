import Foundation

/// A progress spinner whose frame depends only on the time, so a redraw at any moment shows the
/// right frame and a test at a fixed time sees a fixed one.
public struct Spinner: Sendable {
    public static let frames: [Character] = ["|", "/", "-", "\\"]
    public var started: Date
    /// Seconds per frame.
    public var interval: TimeInterval

    public init(started: Date, interval: TimeInterval = 0.1) {
        self.started = started
        self.interval = interval
    }

    public func frame(at date: Date) -> Character {
        let n = Int((max(0, date.timeIntervalSince(started)) / interval).rounded(.down))
        return Self.frames[n % Self.frames.count]
    }
}
