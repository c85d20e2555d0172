import AssetScoreCore
import Foundation

/// Reads and checks a batch of feedback events:
///
///     {"events": [{"id": "evt-1", "type": "click", "user_id": "u-1", "campaign": "summer-sale",
///                  "asset_id": 3, "decision_id": "d_…", "timestamp": "2026-12-03T10:00:00Z"}]}
///
/// Every event is checked and every problem is named with its index and field; a batch with
/// any problem is refused whole (422), so a sender fixes and resends it without wondering which
/// half was kept. `timestamp` is RFC 3339 text or Unix seconds.
enum FeedbackRequest {
    static let maxEvents = 1000
    /// How far ahead of our clock an event may claim to be (clock skew), in seconds.
    static let futureTolerance: TimeInterval = 3600

    static func events(_ request: HTTPRequest, now: Date = Date()) throws -> [FeedbackEvent] {
        var r = FieldReader(try JSONBody.object(request))
        r.rejectUnknown(["events"])
        guard case .array(let items)? = r.value("events") else {
            let got = r.value("events").map { "got \($0.kindName)" } ?? "it is missing"
            r.fail("events", "expected a list of events, \(got)")
            throw APIError.invalid(r.problems)
        }
        if items.isEmpty { r.fail("events", "the list is empty") }
        if items.count > maxEvents { r.fail("events", "at most \(maxEvents) events per batch, got \(items.count)") }
        guard r.problems.isEmpty else { throw APIError.invalid(r.problems) }

        var events: [FeedbackEvent] = []
        for (i, item) in items.enumerated() {
            guard let members = item.members else {
                r.problems.append(.init(field: "events[\(i)]", message: "expected an object, got \(item.kindName)"))
                continue
            }
            var e = FieldReader(members, path: "events[\(i)]")
            e.rejectUnknown(["id", "type", "user_id", "campaign", "asset_id", "decision_id", "timestamp"])
            let id = e.string("id", required: true)
            let type = e.string("type", required: true)
            let kind = type.flatMap(FeedbackEvent.Kind.init(rawValue:))
            if let type, kind == nil {
                e.fail("type", "expected one of impression, click, conversion, got '\(type)'")
            }
            let user = e.string("user_id", required: false)
            let campaign = e.string("campaign", required: true)
            let asset = e.number("asset_id", required: true, range: 1...9.0e15)
            if let asset, asset != asset.rounded() { e.fail("asset_id", "expected a whole number, got \(asset)") }
            let decision = e.string("decision_id", required: false, maxLength: 128)
            let when = timestamp(&e, now: now)
            r.problems += e.problems
            if e.problems.isEmpty, let id, let kind, let campaign, let asset, let when {
                events.append(
                    FeedbackEvent(
                        id: id, kind: kind, userID: user, campaign: campaign, assetID: Int64(asset), decisionID: decision,
                        occurredAt: when))
            }
        }
        guard r.problems.isEmpty else { throw APIError.invalid(r.problems) }
        return events
    }

    private static func timestamp(_ e: inout FieldReader, now: Date) -> Date? {
        guard let v = e.value("timestamp"), !v.isNull else {
            e.fail("timestamp", "is required (RFC 3339 text or Unix seconds)")
            return nil
        }
        var date: Date?
        if let n = v.numberValue, n.isFinite {
            date = Date(timeIntervalSince1970: n)
        } else if let s = v.stringValue {
            date = parseRFC3339(s)
            if date == nil { e.fail("timestamp", "'\(s)' is not an RFC 3339 time such as 2026-12-03T10:00:00Z") }
            guard date != nil else { return nil }
        } else {
            e.fail("timestamp", "expected RFC 3339 text or Unix seconds, got \(v.kindName)")
            return nil
        }
        guard let d = date, d.timeIntervalSince1970 >= 946_684_800, d.timeIntervalSince(now) <= futureTolerance else {
            e.fail("timestamp", "must be between 2000-01-01 and one hour from now")
            return nil
        }
        return d
    }

    static func parseRFC3339(_ s: String) -> Date? {
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(s) { return d }
        return try? Date.ISO8601FormatStyle().parse(s)
    }

    /// Refuses events whose campaign or asset does not exist, or whose asset is not in the
    /// campaign: reports would otherwise count clicks on nothing.
    static func checkReferences(_ events: [FeedbackEvent], store: any AssetStore) throws {
        let campaigns = Set(try store.campaigns().map(\.id))
        var assets: [Int64: Asset?] = [:]
        var problems: [APIError.FieldProblem] = []
        for (i, e) in events.enumerated() {
            guard campaigns.contains(e.campaign) else {
                problems.append(.init(field: "events[\(i)].campaign", message: "no campaign '\(e.campaign)'"))
                continue
            }
            if assets[e.assetID] == nil { assets[e.assetID] = .some(try store.asset(id: e.assetID)) }
            guard let found = assets[e.assetID] ?? nil else {
                problems.append(.init(field: "events[\(i)].asset_id", message: "no asset \(e.assetID)"))
                continue
            }
            if found.campaign != e.campaign {
                problems.append(
                    .init(
                        field: "events[\(i)].asset_id",
                        message: "asset \(e.assetID) belongs to campaign '\(found.campaign)', not '\(e.campaign)'"))
            }
        }
        if !problems.isEmpty { throw APIError.invalid(problems) }
    }
}
