import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

@testable import AssetScoreIngest

/// The worker builds each job's providers from the job's own model, base URL and key file, and
/// never hands one job a provider built for another job's settings.
final class WorkerProviderSpecTests: QueueTestCase {
    final class SpecLog: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [ProviderSpec] = []
        func add(_ spec: ProviderSpec) { lock.withLock { seen.append(spec) } }
        var specs: [ProviderSpec] { lock.withLock { seen } }
    }

    func testEachJobsProvidersAreBuiltFromItsOwnSpec() throws {
        providers["openai-compatible"] = ScriptedProvider(
            name: "openai-compatible",
            [
                .answer(tags: ["beach"], textDensity: nil, tokens: (1, 1), cost: nil),
                .answer(tags: ["beach"], textDensity: nil, tokens: (1, 1), cost: nil),
            ])
        let log = SpecLog()
        var environment = try environment()
        let scripted = environment.makeProvider
        environment.makeProvider = { name, spec in
            log.add(spec)
            return try scripted(name, spec)
        }
        let a = ProviderSpec(model: "m", baseURL: "http://127.0.0.1:1/v1", apiKeyFile: "/keys/a")
        let b = ProviderSpec(model: "m", baseURL: "openai-compatible=http://10.0.0.2/v1", apiKeyFile: nil)
        for (name, spec) in [("a.png", a), ("b.png", b)] {
            let request = JobRequest(
                source: try file(name, content: name).path, providers: ["openai-compatible"], model: spec.model,
                baseURL: spec.baseURL, apiKeyFile: spec.apiKeyFile)
            _ = try store().enqueueJob(request, at: clock.now())
        }
        let c = configuration()
        let runner = try JobRunner(environment: environment, configuration: c, limiter: RateLimiter(perMinute: c.requestsPerMinute))
        try drain(runner)
        XCTAssertEqual(Set(log.specs), [a, b], "one provider per distinct spec, each from the job")
        XCTAssertTrue(try store().jobs(status: nil, limit: 10, offset: 0).allSatisfy { $0.provider == "openai-compatible" })
    }
}
