import AssetScoreCore
import Foundation

/// Turns decide requests into `DecisionQuery` values.
///
/// GET takes `campaign` and `user_id` from the query string (what an ESP's template fills in).
/// POST takes a JSON object for ESPs that pass profile fields along:
///
///     {"campaign": "summer-sale", "user_id": "u-1",
///      "attributes": [{"facet": "theme", "value": "beach", "weight": 0.8}]}
///
/// or, shorter, `"attributes": {"theme:beach": 0.8, "tone:warm": 1}`. Weights run from -1 (a
/// dislike) to 1 and default to 1 in the list form. Inline attributes are added to the stored
/// user's, if the user exists.
enum DecideRequest {
    static let maxAttributes = 200

    static func query(_ request: HTTPRequest) throws -> DecisionQuery {
        var problems: [APIError.FieldProblem] = []
        func param(_ name: String, required: Bool) throws -> String? {
            guard let v = try request.queryValue(name), !v.isEmpty else {
                if required { problems.append(.init(field: name, message: "query parameter is required")) }
                return nil
            }
            guard v.count <= 200 else {
                problems.append(.init(field: name, message: "is longer than 200 characters"))
                return nil
            }
            return v
        }
        let campaign = try param("campaign", required: true)
        let user = try param("user_id", required: false)
        guard problems.isEmpty, let campaign else {
            throw APIError(
                status: 400, code: "missing_parameter", message: problems.map { "\($0.field): \($0.message)" }.joined(separator: "; "),
                field: problems.first?.field)
        }
        return DecisionQuery(campaign: campaign, userID: user)
    }

    static func body(_ request: HTTPRequest) throws -> DecisionQuery {
        var r = FieldReader(try JSONBody.object(request))
        r.rejectUnknown(["campaign", "user_id", "attributes"])
        let campaign = r.string("campaign", required: true)
        let user = r.string("user_id", required: false)
        var attributes: [UserAttribute] = []
        switch r.value("attributes") {
        case nil, .null?:
            break
        case .array(let items)?:
            if items.count > maxAttributes { r.fail("attributes", "at most \(maxAttributes) attributes") }
            for (i, item) in items.prefix(maxAttributes).enumerated() {
                guard let members = item.members else {
                    r.problems.append(.init(field: "attributes[\(i)]", message: "expected an object, got \(item.kindName)"))
                    continue
                }
                var a = FieldReader(members, path: "attributes[\(i)]")
                a.rejectUnknown(["facet", "value", "weight"])
                let facet = a.string("facet", required: true, maxLength: 100)
                let value = a.string("value", required: true)
                let weight = a.number("weight", required: false, range: -1...1) ?? 1
                r.problems += a.problems
                if let facet, let value, a.problems.isEmpty {
                    attributes.append(UserAttribute(facet: facet, value: value, weight: weight))
                }
            }
        case .object(let pairs)?:
            if pairs.count > maxAttributes { r.fail("attributes", "at most \(maxAttributes) attributes") }
            for (key, v) in pairs.prefix(maxAttributes) {
                let field = "attributes.\(key)"
                guard let colon = key.firstIndex(of: ":"), colon != key.startIndex, key.index(after: colon) != key.endIndex else {
                    r.problems.append(.init(field: field, message: "keys are written 'facet:value', e.g. 'theme:beach'"))
                    continue
                }
                guard let w = v.numberValue, w.isFinite else {
                    r.problems.append(.init(field: field, message: "expected a weight (a number from -1 to 1), got \(v.kindName)"))
                    continue
                }
                guard (-1...1).contains(w) else {
                    r.problems.append(.init(field: field, message: "must be from -1 to 1, got \(FieldReader.format(w))"))
                    continue
                }
                attributes.append(
                    UserAttribute(facet: String(key[..<colon]), value: String(key[key.index(after: colon)...]), weight: w))
            }
        case let other?:
            r.fail("attributes", "expected a list of {facet, value, weight} or an object of \"facet:value\": weight, got \(other.kindName)")
        }
        guard r.problems.isEmpty, let campaign else { throw APIError.invalid(r.problems) }
        return DecisionQuery(campaign: campaign, userID: user, attributes: attributes)
    }
}
