import AssetScoreCore
import AssetScoreHTTP
import AssetScoreIngest
import AssetScoreStorage
import Foundation

/// Turns a signed webhook into a queued ingestion job, adding nothing for a redelivery.
///
/// Idempotency has two keys. The delivery id (`X-AssetScore-Delivery`) is looked up before any
/// download, and stored on the job with a digest of what the delivery asked for, so the same
/// delivery always answers with the same job, and the same id with other content is a 409. The
/// content hash catches the same bytes sent again under another delivery id: the bytes are
/// written to the inbox under their hash, so a job still queued for them is found, and an asset
/// already stored in the campaign with that hash is answered without a new job.
final class WebhookIngest: Sendable {
    let stores: ServiceStores
    let signature: WebhookSignature
    let inbox: URL
    let client: HTTPClient
    let configuration: ServerConfiguration
    let metrics: Metrics

    static let deliveryHeader = "x-assetscore-delivery"

    init(stores: ServiceStores, secret: String, inbox: String, configuration: ServerConfiguration, metrics: Metrics) throws {
        self.stores = stores
        signature = WebhookSignature(secret: secret, tolerance: configuration.webhookTolerance)
        self.inbox = URL(fileURLWithPath: inbox, isDirectory: true)
        try FileManager.default.createDirectory(at: self.inbox, withIntermediateDirectories: true)
        var kinds: Set<AddressKind> = [.publicAddress]
        // Never link-local (169.254.169.254, the cloud metadata service), multicast or reserved.
        if configuration.allowPrivateDownloads { kinds.formUnion([.loopback, .privateNetwork, .sharedAddressSpace, .uniqueLocal]) }
        client = HTTPClient(
            options: HTTPClientOptions(
                connectTimeout: min(10, configuration.downloadTimeout), totalTimeout: configuration.downloadTimeout, lowSpeedLimit: 1,
                lowSpeedTime: min(10, configuration.downloadTimeout), maxResponseBytes: configuration.maxUploadBytes, maxRedirects: 3,
                addressPolicy: AddressPolicy(allowedKinds: kinds)))
        self.configuration = configuration
        self.metrics = metrics
    }

    /// What the webhook answer says: the job, the asset when already known, and whether this
    /// delivery added nothing.
    struct Answer: Encodable {
        var jobID: Int64?
        var assetID: Int64?
        var status: String
        var duplicate: Bool
        var reason: String?
        var contentHash: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(jobID, forKey: .jobID)
            try c.encode(assetID, forKey: .assetID)
            try c.encode(status, forKey: .status)
            try c.encode(duplicate, forKey: .duplicate)
            try c.encode(reason, forKey: .reason)
            try c.encode(contentHash, forKey: .contentHash)
        }
        enum Keys: String, CodingKey {
            case status, duplicate, reason
            case jobID = "job_id"
            case assetID = "asset_id"
            case contentHash = "content_hash"
        }
    }

    func handle(_ request: HTTPRequest) throws -> HTTPResponse {
        try signature.verify(request)
        let delivery = request.header(Self.deliveryHeader)
        if let delivery, delivery.isEmpty || delivery.count > 200 {
            throw APIError.invalid(field: "X-AssetScore-Delivery", "must be 1 to 200 characters")
        }
        // Parsed before the delivery is looked up, so a reused id can be told apart from a
        // redelivery; parsing downloads nothing.
        let payload = try WebhookPayload.parse(request)
        let uploadHash = payload.uploadHash
        let digest = payload.digest(uploadHash: uploadHash)
        if let delivery, let job = try stores.writer.with({ try $0.job(deliveryKey: delivery) }) {
            if let stored = job.deliveryDigest, stored != digest { throw conflict(delivery, job) }
            metrics.add("assetscore_webhooks_total{result=\"redelivery\"}")
            return answer(
                200,
                Answer(
                    jobID: job.id, assetID: job.assetID, status: job.status.rawValue, duplicate: true, reason: "delivery",
                    contentHash: job.contentHash))
        }
        let bytes = try fetch(payload)
        guard let ext = Self.imageExtension(bytes) else {
            throw APIError(
                status: 422, code: "not_an_image", message: "the asset is not a PNG, JPEG, GIF, WebP or TIFF image",
                field: payload.sourceField)
        }
        let hash =
            uploadHash
            ?? {
                var hasher = SHA256()
                hasher.update(bytes)
                return hasher.hexDigest()
            }()
        let campaign = payload.campaign ?? configuration.webhookCampaign

        if let asset = try stores.read({ try $0.asset(campaign: campaign, contentHash: hash) }) {
            metrics.add("assetscore_webhooks_total{result=\"duplicate_content\"}")
            return answer(
                200,
                Answer(jobID: nil, assetID: asset.id, status: asset.status.rawValue, duplicate: true, reason: "content", contentHash: hash))
        }
        let file = try store(bytes, hash: hash, ext: ext, payload: payload, campaign: campaign)
        let (job, created): (QueueJob, Bool)
        do {
            (job, created) = try stores.writer.with {
                try $0.enqueueJob(
                    JobRequest(
                        source: file.path, campaign: campaign, providers: configuration.webhookProviders,
                        model: configuration.webhookModel, baseURL: configuration.webhookBaseURL,
                        apiKeyFile: configuration.webhookAPIKeyFile, deliveryKey: delivery, deliveryDigest: digest),
                    at: Date())
            }
        } catch StorageError.conflict(let message) {
            // Another request with this delivery id and other content was queued while this one
            // downloaded.
            if let delivery, let other = try stores.writer.with({ try $0.job(deliveryKey: delivery) }) {
                throw conflict(delivery, other)
            }
            throw APIError(status: 409, code: "delivery_conflict", message: message, field: "X-AssetScore-Delivery")
        }
        metrics.add(created ? "assetscore_webhooks_total{result=\"queued\"}" : "assetscore_webhooks_total{result=\"duplicate_content\"}")
        return answer(
            created ? 202 : 200,
            Answer(
                jobID: job.id, assetID: job.assetID, status: job.status.rawValue, duplicate: !created, reason: created ? nil : "content",
                contentHash: hash))
    }

    /// A delivery id sent again with other content: a sender reusing ids (or someone replaying a
    /// signed id with a body of their own, within the window) must hear about it, not get the
    /// first delivery's job as if this content had been queued.
    private func conflict(_ delivery: String, _ job: QueueJob) -> APIError {
        metrics.add("assetscore_webhooks_total{result=\"delivery_conflict\"}")
        return APIError(
            status: 409, code: "delivery_conflict",
            message: "delivery '\(delivery)' was already used for other content: it made job \(job.id) (\(job.status.rawValue)); "
                + "nothing was stored for this request. Send new content under a new X-AssetScore-Delivery id",
            field: "X-AssetScore-Delivery")
    }

    private func answer(_ status: Int, _ a: Answer) -> HTTPResponse { HTTPResponse.json(status, encoding: a) }

    /// The bytes: the upload, or the URL downloaded within the limits and the address policy.
    private func fetch(_ payload: WebhookPayload) throws -> Data {
        switch payload.source {
        case .bytes(let data):
            return data
        case .url(let url):
            let response: AssetScoreHTTP.HTTPResponse
            do {
                response = try client.send(AssetScoreHTTP.HTTPRequest(url: url))
            } catch {
                metrics.add("assetscore_webhook_download_failures_total")
                switch error {
                case .addressRefused, .invalidRequest:
                    throw APIError(status: 422, code: "url_refused", message: "url: \(error)", field: "url")
                case .responseTooLarge:
                    throw APIError(status: 422, code: "download_too_large", message: "url: \(error)", field: "url")
                default:
                    throw APIError(status: 502, code: "download_failed", message: "url: \(error)", field: "url")
                }
            }
            guard (200..<300).contains(response.status) else {
                metrics.add("assetscore_webhook_download_failures_total")
                throw APIError(status: 502, code: "download_failed", message: "url: the server answered \(response.status)", field: "url")
            }
            return response.body
        }
    }

    /// Writes `<hash prefix>-<name>.<ext>` (and its sidecar) unless the same bytes are there.
    private func store(_ bytes: Data, hash: String, ext: String, payload: WebhookPayload, campaign: String) throws -> URL {
        let prefix = String(hash.prefix(16))
        let fm = FileManager.default
        if let existing = try fm.contentsOfDirectory(atPath: inbox.path).first(where: {
            $0.hasPrefix(prefix + "-") && !$0.hasSuffix(".json")
        }) {
            return inbox.appendingPathComponent(existing)
        }
        let name = Self.safeName(payload.filename ?? payload.urlFilename ?? "asset")
        let file = inbox.appendingPathComponent("\(prefix)-\(name).\(ext)")
        if !payload.metadata.isEmpty {
            let sidecar = JSONValue.object(payload.metadata + [("campaign", .string(campaign))]).compact
            try Data(sidecar.utf8).write(to: file.deletingPathExtension().appendingPathExtension("json"), options: .atomic)
        }
        try bytes.write(to: file, options: .atomic)
        return file
    }

    /// A file-name stem that is safe on any file system and keeps the words the analyser reads.
    static func safeName(_ text: String) -> String {
        let stem = (text as NSString).deletingPathExtension
        let kept = String(
            stem.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || "-_".unicodeScalars.contains($0) ? Character($0) : "-" })
        let trimmed = String(kept.prefix(60)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "asset" : trimmed
    }

    /// The extension for the image format the bytes start with, or nil for anything else.
    static func imageExtension(_ d: Data) -> String? {
        let b = [UInt8](d.prefix(12))
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if b.starts(with: Array("GIF8".utf8)) { return "gif" }
        if b.count >= 12, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WEBP".utf8) { return "webp" }
        if b.starts(with: [0x49, 0x49, 0x2A, 0x00]) || b.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return "tif" }
        return nil
    }
}

extension WebhookPayload {
    var sourceField: String {
        if case .url = source { return "url" }
        return "file"
    }
    var urlFilename: String? {
        if case .url(let u) = source, !u.lastPathComponent.isEmpty, u.lastPathComponent != "/" { return u.lastPathComponent }
        return nil
    }
}
