import AssetScoreCore
import AssetScoreStorage
import Foundation
import XCTest

@testable import AssetScoreIngest

/// Retries, give-up, refusals and the fallback chain, asserted on what the worker stores (the
/// scheduled not_before, the reason), with a clock that never sleeps for real.
final class WorkerRetryTests: QueueTestCase {
    func testA429IsRetriedNoSoonerThanItsRetryAfter() throws {
        providers["openai"] = ScriptedProvider(
            name: "openai",
            [
                .fail(.rateLimited(retryAfter: 30, message: "slow down")),
                .answer(tags: ["beach"], textDensity: nil, tokens: (120, 30), cost: 0.002),
            ])
        let id = try enqueue(try file("a.png"), providers: ["openai"])
        let runner = try runner()
        let start = clock.now()
        XCTAssertTrue(try runner.processNext(onEvent: { _ in }))
        let waiting = try XCTUnwrap(try store().job(id: id))
        XCTAssertEqual(waiting.status, .queued)
        XCTAssertEqual(waiting.notBefore, start.addingTimeInterval(30), "Retry-After wins over a shorter backoff")
        XCTAssertEqual(waiting.positionAttempts, 1)
        XCTAssertEqual(waiting.lastError, "a.png: openai: rate limited: slow down")
        XCTAssertFalse(try runner.processNext(onEvent: { _ in }), "not due before Retry-After")
        clock.advance(to: start.addingTimeInterval(30))
        XCTAssertTrue(try runner.processNext(onEvent: { _ in }))
        let done = try XCTUnwrap(try store().job(id: id))
        XCTAssertEqual(done.status, .ready)
        XCTAssertEqual(done.attempts, 2)
        XCTAssertEqual(done.provider, "openai")
        XCTAssertEqual(done.answeredModel, "test-model")
        XCTAssertEqual(done.tokensIn, 120)
        XCTAssertEqual(done.costUSD, 0.002)
        XCTAssertEqual(providers["openai"]?.calls, 2)
    }

    func testBackoffDoublesWithJitterThenGivesUpNamingTheFileAndTheLastError() throws {
        providers["openai"] = ScriptedProvider(name: "openai", [.fail(.unavailable(retryAfter: nil, message: "HTTP 503"))])
        let id = try enqueue(try file("hero.png"), providers: ["openai"])
        let runner = try runner(configuration(maxTries: 3, random: 0.5))
        var waits: [TimeInterval] = []
        for _ in 0..<2 {
            let before = clock.now()
            XCTAssertTrue(try runner.processNext(onEvent: { _ in }))
            let job = try XCTUnwrap(try store().job(id: id))
            waits.append(try XCTUnwrap(job.notBefore).timeIntervalSince(before))
            clock.advance(to: try XCTUnwrap(job.notBefore))
        }
        // Caps 2 s then 4 s, times the fixed jitter of 0.5.
        XCTAssertEqual(waits, [1, 2])
        XCTAssertTrue(try runner.processNext(onEvent: { _ in }))
        let failed = try XCTUnwrap(try store().job(id: id))
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.attempts, 3)
        XCTAssertEqual(failed.lastError, "hero.png: openai: provider unavailable: HTTP 503 (gave up after 3 tries)")
        XCTAssertEqual(providers["openai"]?.calls, 3)
        let asset = try XCTUnwrap(try store().asset(id: try XCTUnwrap(failed.assetID)))
        XCTAssertEqual(asset.status, .failed)
        XCTAssertEqual(asset.failureReason, failed.lastError)
    }

    func testARefusalIsNotRetried() throws {
        providers["anthropic"] = ScriptedProvider(name: "anthropic", [.fail(.refused(message: "I can't help with that"))])
        let id = try enqueue(try file("a.png"), providers: ["anthropic"])
        try drain(try runner())
        let job = try XCTUnwrap(try store().job(id: id))
        XCTAssertEqual(job.status, .failed)
        XCTAssertEqual(job.attempts, 1)
        XCTAssertEqual(providers["anthropic"]?.calls, 1)
        XCTAssertEqual(job.lastError, "a.png: anthropic: the model refused: I can't help with that")
    }

    func testTheChainFallsBackToTheNextProviderAndSaysWhy() throws {
        providers["openai"] = ScriptedProvider(name: "openai", [.fail(.rejected(status: 401, message: "bad key"))])
        providers["anthropic"] = ScriptedProvider(
            name: "anthropic", [.fail(.rateLimited(retryAfter: 5, message: "busy")), .fail(.truncated(message: "max_tokens"))])
        let id = try enqueue(try file("a.png"), providers: ["openai", "anthropic", "embedded"], maxTries: 2)
        let runner = try runner()
        XCTAssertTrue(try runner.processNext(onEvent: { _ in }))
        XCTAssertEqual(
            try store().job(id: id)?.lastError,
            "a.png: anthropic: rate limited: busy (after openai: request rejected (HTTP 401): bad key)")
        try drain(runner)
        let job = try XCTUnwrap(try store().job(id: id))
        XCTAssertEqual(job.status, .ready)
        XCTAssertEqual(job.provider, "embedded")
        XCTAssertEqual(providers["openai"]?.calls, 1, "a rejected request is not retried")
        XCTAssertEqual(providers["anthropic"]?.calls, 2, "rate limited once, then truncated: not retried again")
        // The note covers the last claim; the retry in between recorded the earlier failure.
        XCTAssertEqual(job.lastError, "answered by embedded after anthropic: the answer was truncated: max_tokens")
        XCTAssertEqual(try store().assets(campaign: "spring", status: nil).count, 1)
    }

    /// A truncated or refused answer is billed: its tokens count in the job's spend, through a
    /// retry of the next provider and a fallback, beside what the answering provider cost.
    func testTokensBilledForUnusableAnswersCountInTheJobsSpend() throws {
        providers["openai"] = ScriptedProvider(
            name: "openai", [.failBilled(.truncated(message: "finish_reason length"), tokens: (1000, 4096), cost: 0.05)])
        providers["anthropic"] = ScriptedProvider(
            name: "anthropic",
            [
                .fail(.rateLimited(retryAfter: 5, message: "busy")),
                .answer(tags: ["beach"], textDensity: nil, tokens: (900, 300), cost: 0.02),
            ])
        let answered = try enqueue(try file("a.png"), providers: ["openai", "anthropic"])
        let runner = try runner()
        XCTAssertTrue(try runner.processNext(onEvent: { _ in }))
        let waiting = try XCTUnwrap(try store().job(id: answered))
        XCTAssertEqual(waiting.status, .queued)
        XCTAssertEqual([waiting.tokensIn, waiting.tokensOut], [1000, 4096], "the truncated answer is recorded with the retry")
        XCTAssertEqual(try XCTUnwrap(waiting.costUSD), 0.05, accuracy: 1e-9)
        try drain(runner)
        let done = try XCTUnwrap(try store().job(id: answered))
        XCTAssertEqual(done.status, .ready)
        XCTAssertEqual([done.tokensIn, done.tokensOut], [1900, 4396])
        XCTAssertEqual(try XCTUnwrap(done.costUSD), 0.07, accuracy: 1e-9)

        providers["openai"] = ScriptedProvider(
            name: "openai", [.failBilled(.refused(message: "no"), tokens: (800, 12), cost: nil)])
        let fellBack = try enqueue(try file("b.png"), providers: ["openai", "embedded"])
        try drain(try self.runner())
        let embedded = try XCTUnwrap(try store().job(id: fellBack))
        XCTAssertEqual(embedded.provider, "embedded")
        XCTAssertEqual([embedded.tokensIn, embedded.tokensOut], [800, 12], "the refusal's tokens are not lost to the fallback")
        XCTAssertNil(embedded.costUSD, "an unpriced model stays unpriced, not $0")

        let spring = try XCTUnwrap(try store().jobCosts().first { $0.campaign == "spring" })
        XCTAssertEqual([spring.tokensIn, spring.tokensOut], [2700, 4408])
        XCTAssertEqual(spring.costUSD, 0.07, accuracy: 1e-9)
    }

    func testAFileNoAnalyserCanReadFailsAtOnceWithoutCallingTheModel() throws {
        providers["openai"] = ScriptedProvider(name: "openai", [.answer(tags: [], textDensity: nil, tokens: (1, 1), cost: nil)])
        let id = try enqueue(try file("broken.png"), providers: ["openai", "embedded"])
        try drain(try runner())
        let job = try XCTUnwrap(try store().job(id: id))
        XCTAssertEqual(job.status, .failed)
        XCTAssertEqual(job.lastError, "broken.png: not an image")
        XCTAssertEqual(providers["openai"]?.calls, 0)
    }

    func testAJobWhoseProcessKeepsDyingGivesUp() throws {
        let id = try enqueue(try file("a.png"), providers: ["embedded"], maxTries: 2)
        let store = try store()
        for _ in 0..<2 {
            _ = try store.claimJob(owner: "doomed", lease: 300, at: clock.now())
            try store.recoverJobs(at: clock.now()) { _ in false }
        }
        try drain(try runner())
        let job = try XCTUnwrap(try store.job(id: id))
        XCTAssertEqual(job.status, .failed)
        XCTAssertTrue(
            try XCTUnwrap(job.lastError).hasPrefix("a.png: gave up after 2 tries: a.png: the worker analysing it (doomed)"),
            job.lastError ?? "")
    }

    func testRateLimitSpacesCallsOnTheClock() throws {
        providers["ollama"] = ScriptedProvider(name: "ollama", [.answer(tags: [], textDensity: nil, tokens: (1, 1), cost: nil)])
        for i in 0..<3 { _ = try enqueue(try file("f\(i).png", content: "distinct \(i)"), providers: ["ollama"]) }
        // 12 a minute: a burst of one, then one every 5 s.
        try drain(try runner(configuration(rpm: ["ollama": 12])))
        XCTAssertEqual(providers["ollama"]?.calls, 3)
        XCTAssertEqual(clock.slept.reduce(0, +), 10, accuracy: 0.001)
    }

    /// A Retry-After of a day (a daily quota, or a broken server) is not waited out: the chain
    /// moves on at once, and without one the job fails saying what was asked.
    func testARetryAfterLongerThanTheLimitIsGivenUpOnAtOnce() throws {
        providers["openai"] = ScriptedProvider(name: "openai", [.fail(.rateLimited(retryAfter: 86_400, message: "quota"))])
        let chained = try enqueue(try file("a.png", content: "a"), providers: ["openai", "embedded"])
        let alone = try enqueue(try file("b.png", content: "b"), providers: ["openai"])
        let start = clock.now()
        try drain(try runner())
        XCTAssertEqual(clock.now(), start, "nothing waited")
        XCTAssertEqual(providers["openai"]?.calls, 2)
        let fellBack = try XCTUnwrap(try store().job(id: chained))
        XCTAssertEqual(fellBack.status, .ready)
        XCTAssertEqual(fellBack.provider, "embedded")
        let failed = try XCTUnwrap(try store().job(id: alone))
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(
            failed.lastError,
            "b.png: openai: rate limited: quota (asked to wait 86400 s, more than the 600 s waited; gave up after 1 tries)")
    }
}
