import AssetScoreCore
import Foundation

extension JobRunner {
    /// What a stored analysis must match for this job's chain to leave the bytes alone: the
    /// first provider that can be built (a misconfigured one is skipped, as the chain would).
    func identity(_ job: QueueJob) -> AnalyserIdentity {
        for name in job.providers[min(job.chainPosition, job.providers.count)...] {
            guard let p = try? provider(name, spec: ProviderSpec(job: job)), let e = try? embedded() else { continue }
            if name == "embedded" { return AnalyserIdentity(analyser: e.name, model: nil, version: e.version) }
            return AnalyserIdentity(analyser: p.name, model: p.model, version: Self.mergedVersion(p.version, e.version))
        }
        return AnalyserIdentity(analyser: "embedded", model: nil, version: (try? embedded().version) ?? "")
    }

    static func mergedVersion(_ model: String, _ embedded: String) -> String { "\(model) + embedded \(embedded)" }

    /// Analyses with one chain step. The embedded analyser always runs first: it is cheap, it
    /// fails fast on a file no model could read, and a model's claims are checked against it.
    /// A model's answer comes from the cache when these bytes were asked before.
    func analyse(_ prepared: FileIngest.Prepared, with name: String, spec: ProviderSpec) throws -> AnalysedFile {
        let request = AnalysisRequest(
            file: prepared.url, contentHash: prepared.asset.contentHash, vocabulary: vocabulary, colorEntries: colorEntries)
        let measured = try embedded().analyse(request)
        if name == "embedded" { return AnalysedFile(embedded: measured) }
        let p = try provider(name, spec: spec)
        let key = CachedAnalysis.Key(contentHash: request.contentHash, provider: p.name, model: p.model, promptVersion: p.version)
        let answer: ProviderAnalysis
        if let hit = try store.cachedAnalysis(key) {
            answer = ProviderAnalysis(
                provider: p.name, model: p.model, version: p.version, fields: hit.fields, rawTags: hit.rawTags,
                rawOutput: hit.rawOutput, mediaType: hit.mediaType,
                usage: ProviderUsage(inputTokens: hit.tokensIn, outputTokens: hit.tokensOut, costUSD: hit.costUSD), cached: true)
        } else {
            while true {
                let wait = limiter.reserve(name, at: clock.now())
                if wait <= 0 { break }
                clock.sleep(wait)
            }
            do {
                answer = try p.analyse(request)
            } catch {
                // A refused, truncated or schema-breaking answer was still billed.
                if let paid = p.lastFailureUsage { billedWithoutAnswer = (billedWithoutAnswer ?? ProviderUsage()).adding(paid) }
                throw error
            }
            try store.saveCachedAnalysis(
                CachedAnalysis(
                    key: key, fields: answer.fields, rawTags: answer.rawTags, rawOutput: answer.rawOutput,
                    mediaType: answer.mediaType, tokensIn: answer.usage?.inputTokens ?? 0,
                    tokensOut: answer.usage?.outputTokens ?? 0, costUSD: answer.usage?.costUSD, createdAt: clock.now()))
        }
        return Self.merge(model: answer, embedded: measured, disagreements: environment.crossCheck(answer, measured))
    }

    /// The embedded measurements with the model's tags added: fields stay measured (a model's
    /// claim about them is what the cross-check compares), a model tag that repeats an embedded
    /// one is dropped so scoring does not count it twice, and the raw output keeps both answers.
    ///
    /// The model's title and description are not copied into the fields: the alt text served
    /// to email recipients is made from them, and text in an image can steer a model's prose
    /// (a prompt injection may only change tag suggestions). They stay in the raw output.
    static func merge(model m: ProviderAnalysis, embedded e: ProviderAnalysis, disagreements: [AnalysisDisagreement]) -> AnalysedFile {
        func key(_ t: RawTag) -> String { "\(t.facetHint ?? "")|\(t.text.lowercased())" }
        let seen = Set(e.rawTags.map(key))
        let fields = e.fields
        let raw: [String: String?] = [
            "provider": m.provider, "model": m.model, "prompt_version": m.version, "model_output": m.rawOutput,
            "embedded_output": e.rawOutput,
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let rawOutput = (try? encoder.encode(raw)).map { String(decoding: $0, as: UTF8.self) } ?? m.rawOutput
        return AnalysedFile(
            analyser: m.provider, model: m.model, analyserVersion: mergedVersion(m.version, e.version), fields: fields,
            rawTags: e.rawTags + m.rawTags.filter { !seen.contains(key($0)) }, rawOutput: rawOutput, mediaType: e.mediaType,
            disagreements: disagreements, usage: m.cached ? nil : m.usage, cached: m.cached)
    }
}
