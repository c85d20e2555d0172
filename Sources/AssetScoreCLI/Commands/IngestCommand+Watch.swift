import AssetScoreCore
import AssetScoreIngest
import Foundation

extension IngestCommand {
    /// `ingest --watch DIR`: the worker runs in the background while the folder is polled; each
    /// file that settles is enqueued, and each finished job printed as it finishes (one JSON
    /// object per line with --json). Files already there are ingested too (unchanged ones add
    /// nothing). Ctrl-C or SIGTERM stops after the jobs in hand.
    static func watch(_ dir: String, campaign: String?, settings: IngestSettings, poll: TimeInterval, _ ctx: ToolContext) throws {
        let url = URL(fileURLWithPath: (dir as NSString).expandingTildeInPath).standardizedFileURL
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else {
            throw UsageError("--watch needs a folder; \(SafeText.display(dir)) is not one")
        }
        guard poll > 0, poll <= 3600 else { throw UsageError("--poll-interval must be between 0 and 3600 seconds") }
        let store = try ctx.store()
        let worker = try ctx.worker(settings)
        let printer = WatchPrinter(output: ctx.output)
        let mine = JobSet()
        let signals = SignalStop { worker.stop() }
        defer { signals.cancel() }
        let errors = ErrorList()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                try worker.run(
                    until: { _ in false },
                    onEvent: { event in
                        guard case .finished(let job) = event, mine.contains(job.id) else { return }
                        printer.print(job)
                    })
            } catch {
                errors.add(error)
                worker.stop()
            }
            finished.signal()
        }
        thread.name = "ingest-watch-worker"
        thread.start()
        ctx.output.warn("watching \(SafeText.display(url.path)) (Ctrl-C stops)")
        let watcher = FolderWatcher(directory: url)
        while !worker.stopSignal.isSet {
            do {
                for file in try watcher.poll() {
                    let request = settings.jobRequest(source: file.path, campaign: campaign)
                    mine.insert(try store.enqueueJob(request, at: Date()).job.id)
                }
            } catch {
                ctx.output.warn("assetscore ingest --watch: \(error)")
            }
            _ = worker.stopSignal.isSet || Self.sleep(poll, unless: worker.stopSignal)
        }
        finished.wait()
        if let error = errors.first { throw error }
    }

    private static func sleep(_ seconds: TimeInterval, unless stop: StopSignal) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if stop.isSet { return true }
            Thread.sleep(forTimeInterval: min(0.05, end.timeIntervalSinceNow))
        }
        return false
    }
}

/// Job ids enqueued by this watch, shared with the worker's event handler.
final class JobSet: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: Set<Int64> = []
    func insert(_ id: Int64) { lock.withLock { _ = ids.insert(id) } }
    func contains(_ id: Int64) -> Bool { lock.withLock { ids.contains(id) } }
}

final class ErrorList: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    func add(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
}

/// Prints each finished job of a watch at once, from worker threads.
final class WatchPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private let output: Output

    init(output: Output) { self.output = output }

    func print(_ job: QueueJob) {
        let outcome =
            job.result.flatMap { try? JSONDecoder().decode(IngestOutcome.self, from: Data($0.utf8)) }
            ?? IngestOutcome(file: job.source, campaign: job.campaign, assetID: job.assetID, status: .failed, reason: job.lastError)
        lock.withLock {
            if output.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let text = (try? encoder.encode(outcome)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                output.line(SafeText.jsonSafe(text))
            } else {
                output.line(
                    "\(outcome.assetID.map { "#\($0)" } ?? "-")  \(safe(outcome.campaign))  "
                        + "\(safe(URL(fileURLWithPath: outcome.file).lastPathComponent))  \(outcome.status.rawValue)  "
                        + safe(IngestCommand.detail(outcome)))
            }
            output.flush()
        }
    }
}
