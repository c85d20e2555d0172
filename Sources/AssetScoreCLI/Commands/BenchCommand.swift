import AssetScoreConsole
import AssetScoreCore
import AssetScoreIngest
import AssetScorePreview
import AssetScoreStorage
import Foundation

/// `assetscore bench console`: the console's start-up and per-key times on a database, beside
/// the same script on a small baseline database, so a number comes with something to compare.
enum BenchCommand {
    static let command = Command(
        name: "bench",
        summary: "Measure the console's start-up and per-key times (bench console)",
        usage: """
            Usage: assetscore bench console [--db PATH] [--baseline PATH] [--rounds N] [--size WxH] [--preview FILE] [--json]

            Plays a key script through the real console (controller, input loop, renderer) on
            a copy of the database, headless, and prints start-up time and the time from each
            key to the next screen (p50, p95, max over the rounds), beside the same script on a
            baseline database: --baseline PATH, or else a small synthetic one (1000 assets,
            100 review items, 100 users) made for the run. "open + count" is the floor: opening
            the database and counting assets and pending review items, nothing else.
            The script visits every pane, moves, pages, opens an asset, searches the dictionary,
            accepts, rejects and undoes review items, loads a user, adds an attribute, switches
            campaigns and changes weights; waits ("..., until saved/shown/counted") time
            background work from its key to the screen showing it, and are not keys.
            --preview FILE also times the first preview of FILE decoded on the input thread
            and in the background. The database itself is never changed. Targets from
            issue 3: start-up under 200 ms, every key under 16 ms. Build with -c release first.
            """,
        options: ["baseline", "rounds", "size", "preview"],
        run: run)

    static func run(_ args: Arguments, _ ctx: ToolContext) throws {
        try args.noMorePositionals(than: 1)
        guard try args.positional(0, "what to measure (console)") == "console" else {
            throw UsageError("only 'bench console' exists")
        }
        let rounds = try args.int("rounds") ?? 3
        guard (1...100).contains(rounds) else { throw UsageError("--rounds needs 1 to 100, got \(rounds)") }
        let (width, height) = try ConsoleCommand.size(args.value("size") ?? "80x24")
        let source = ctx.databasePath
        guard FileManager.default.fileExists(atPath: source) else { throw ToolContext.MissingDatabase(path: source) }

        let work = FileManager.default.temporaryDirectory.appendingPathComponent("assetscore-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        ctx.output.progress("bench: copying \(source)")
        let measuredPath = try copyDatabase(source, into: work, as: "measured.db")
        let baselinePath: String
        let baselineName: String
        if let given = args.value("baseline") {
            guard FileManager.default.fileExists(atPath: given) else { throw ToolContext.MissingDatabase(path: given) }
            baselinePath = try copyDatabase(given, into: work, as: "baseline.db")
            baselineName = given
        } else {
            ctx.output.progress("bench: generating the baseline database")
            baselinePath = work.appendingPathComponent("baseline.db").path
            let baseCtx = ToolContext(output: Output(json: true), databasePath: baselinePath, actor: "bench", environment: [:])
            _ = try GenerateCommand.generate(SyntheticOptions(assets: 1000, reviewItems: 100, users: 100), baseCtx)
            baselineName = "synthetic (1000 assets, 100 review items, 100 users)"
        }
        ctx.output.progress("bench: measuring \(source)")
        let measured = try measure(path: measuredPath, rounds: rounds, width: width, height: height)
        ctx.output.progress("bench: measuring the baseline")
        let baseline = try measure(path: baselinePath, rounds: rounds, width: width, height: height)
        ctx.output.endProgress()
        var report = BenchReport(
            database: source, baseline: baselineName, width: width, height: height, rounds: rounds, measured: measured,
            baselineResult: baseline)
        if let file = args.value("preview") {
            guard FileManager.default.fileExists(atPath: file) else { throw UsageError("--preview: no file \(file)") }
            report.preview = measurePreview(file, rounds: rounds)
        }
        if ctx.output.json { return try ctx.output.emit(report) }
        for line in report.lines() { ctx.output.line(line) }
    }

    /// Copies a database (and its write-ahead log, which may hold the newest pages) into `dir`.
    static func copyDatabase(_ path: String, into dir: URL, as name: String) throws -> String {
        let target = dir.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: path, toPath: target)
        if FileManager.default.fileExists(atPath: path + "-wal") {
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: target + "-wal")
        }
        return target
    }

    static func milliseconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }

    /// The review pane's preview size at 80x24 and wider panes' (24 columns, 8 rows).
    static func measurePreview(_ file: String, rounds: Int) -> BenchReport.PreviewTiming {
        var timing = BenchReport.PreviewTiming(file: file, columns: 24, rows: 8)
        let url = URL(fileURLWithPath: file)
        for _ in 0..<rounds {
            var started = DispatchTime.now().uptimeNanoseconds
            _ = ImagePreview().render(file: url, columns: timing.columns, rows: timing.rows)
            timing.inPlace.append(milliseconds(since: started))
            let preview = ImagePreview()
            started = DispatchTime.now().uptimeNanoseconds
            _ = preview.renderInBackground(file: url, columns: timing.columns, rows: timing.rows)
            timing.backgroundCall.append(milliseconds(since: started))
            preview.waitForBackgroundDecodes()
            timing.backgroundReady.append(milliseconds(since: started))
        }
        return timing
    }

    static func measure(path: String, rounds: Int, width: Int, height: Int) throws -> BenchReport.Result {
        var result = BenchReport.Result()
        // The floor: what any program showing these totals pays.
        for _ in 0..<rounds {
            let started = DispatchTime.now().uptimeNanoseconds
            let store = try SQLiteStore(path: path)
            let counts = try store.assetCounts()
            let pending = try store.reviewCount(status: .pending, facet: nil, search: nil)
            result.floor.append(milliseconds(since: started))
            result.assets = counts.total
            result.pendingItems = pending
            result.users = try store.userCount()
            result.userID = try store.users(limit: 1, offset: 0).first?.id
        }
        let script = ConsoleBenchmark.script(userID: result.userID)
        result.keysPerRound = script.count
        for _ in 0..<rounds {
            let started = DispatchTime.now().uptimeNanoseconds
            let normalizer = try ToolContext.normalizer()
            let environment = ConsoleEnvironment(
                openStore: { try SQLiteStore(path: path) },
                makeMapper: { store in
                    Mapper(dictionary: try store.loadDictionary(), normalizer: normalizer, rejections: try store.rejections())
                },
                makeAnalyser: { try EmbeddedAnalyser() }, actor: "bench", previewProvider: ImagePreview.shared.backgroundProvider)
            let run = try ConsoleBenchmark.run(environment: environment, steps: script, width: width, height: height, started: started)
            result.startup.append(run.startupMilliseconds)
            for k in run.keys { result.add(k.label, k.milliseconds) }
            result.errors += run.errors.filter { !result.errors.contains($0) }
        }
        return result
    }
}
