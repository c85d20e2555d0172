import Foundation

/// Finds files in a folder that are completely written: seen with the same size and
/// modification time at two looks in a row, untouched for `settle` seconds, and not reported
/// before with that size and time.
///
/// A copy or download in progress keeps changing size or time between looks, so it is left
/// alone until it settles; the quiet period covers a writer that pauses between two looks (a
/// slow network copy). A writer silent for longer still gets its partial file analysed (and
/// failed), then analysed again when it changes: polling cannot tell a pause from the end. names downloaders and editors use for partial files (dotfiles,
/// *.part, *.tmp, *.crdownload) are never reported, nor anything `InputCollector` would skip.
/// A file that changes after it was reported is reported again once it settles.
public final class FolderWatcher {
    public static let partialSuffixes = [".part", ".tmp", ".crdownload"]

    public let directory: URL
    private struct Stamp: Equatable {
        var size: Int64
        var modified: Date
    }
    private var lastLook: [String: Stamp] = [:]
    private var reported: [String: Stamp] = [:]

    /// Seconds a file must have gone unmodified before it is reported.
    public let settle: TimeInterval
    private let now: () -> Date

    public init(directory: URL, settle: TimeInterval = 2, now: @escaping () -> Date = Date.init) {
        self.directory = directory
        self.settle = settle
        self.now = now
    }

    /// One look at the folder; the files that became complete since the last one, sorted.
    public func poll() throws -> [URL] {
        var seen: [String: Stamp] = [:]
        var ready: [URL] = []
        let time = now()
        for input in try InputCollector.collect([directory.path]) where input.skipReason == nil {
            let name = input.url.lastPathComponent.lowercased()
            if name.hasPrefix(".") || Self.partialSuffixes.contains(where: name.hasSuffix) { continue }
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: input.url.path),
                let size = (attributes[.size] as? NSNumber)?.int64Value, let modified = attributes[.modificationDate] as? Date
            else { continue }
            let stamp = Stamp(size: size, modified: modified)
            seen[input.url.path] = stamp
            if lastLook[input.url.path] == stamp, reported[input.url.path] != stamp, time.timeIntervalSince(modified) >= settle {
                reported[input.url.path] = stamp
                ready.append(input.url)
            }
        }
        lastLook = seen
        return ready
    }
}
