import Foundation

/// Reads users from a Segment HTTP API batch body (`{"batch": [call, ...], ...}`).
///
/// Only `identify` calls describe users: the user is `userId` (or `anonymousId` when there is
/// none) and each trait whose key is a facet id becomes attributes. Trait values may be a
/// string, an array of strings, or `{"value": ..., "weight": ...}` (or an array of those).
/// Every other call and every other trait is counted in the summary with its reason; nothing
/// is dropped silently. Calls for the same user are merged in order.
public struct SegmentBatchImporter: Sendable {
    public var options: UserImportOptions

    /// `facets` are the facet ids traits may name (matched case-insensitively).
    public init(facets: Set<String>, options: UserImportOptions = UserImportOptions()) {
        var options = options
        options.knownFacets = facets
        self.options = options
    }

    @discardableResult
    public func importFile(
        at url: URL, name: String? = nil, _ sink: (UserBatch) throws -> Void
    ) throws -> UserImportSummary {
        let display = name ?? url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImportError(file: display, message: "cannot read file: \(error.localizedDescription)")
        }
        return try importData(data, name: display, sink)
    }

    /// Reads a batch body held in memory (Segment caps a batch at 500 KB, so bodies are read whole).
    @discardableResult
    public func importData(_ data: Data, name: String, _ sink: (UserBatch) throws -> Void) throws -> UserImportSummary {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch let error as JSONValue.SyntaxError {
            throw ImportError(file: name, line: error.line, message: "not valid JSON: \(error.message)")
        }
        guard root.members != nil else {
            throw ImportError(file: name, message: "expected a Segment batch object, found \(root.kindName)")
        }
        guard let calls = root["batch"]?.arrayValue else {
            throw ImportError(file: name, path: "batch", message: "is required and must be an array of calls")
        }
        var aggregator = UserAggregator(options: options, source: "segment:\(name)")
        for (i, call) in calls.enumerated() {
            let path = "batch[\(i)]"
            aggregator.summary.records += 1
            guard call.members != nil else {
                throw ImportError(file: name, path: path, message: "expected a call object, found \(call.kindName)")
            }
            guard let type = call["type"]?.stringValue?.lowercased(), !type.isEmpty else {
                throw ImportError(file: name, path: "\(path).type", message: "is required and must be a string")
            }
            guard type == "identify" else {
                aggregator.summary.skip(\.skippedCalls, type, reason: "\"\(type)\" calls do not describe users and were skipped")
                continue
            }
            guard let id = AttributeValueParser.identifier(call["userId"]) ?? AttributeValueParser.identifier(call["anonymousId"])
            else {
                throw ImportError(file: name, path: path, message: "identify call has neither userId nor anonymousId")
            }
            var attributes: [UserAttribute] = []
            switch call["traits"] {
            case nil, .null?:
                break
            case .object(let traits)?:
                for (key, value) in traits {
                    guard let facet = options.canonicalFacet(key) else {
                        aggregator.summary.skip(\.skippedTraits, key, reason: "trait \"\(key)\" is not a facet and was skipped")
                        continue
                    }
                    let values: [(value: String, weight: Double)]?
                    do {
                        values = try AttributeValueParser.values(from: value)
                    } catch let problem as AttributeValueParser.Problem {
                        throw ImportError(file: name, path: "\(path).traits.\(key)\(problem.path)", message: problem.message)
                    }
                    guard let values else {
                        aggregator.summary.skip(
                            \.skippedTraits, key,
                            reason:
                                "trait \"\(key)\" holds \(value.kindName), not a string, an array of strings or {\"value\", \"weight\"}; skipped"
                        )
                        continue
                    }
                    let usable = values.filter { !$0.value.isEmpty }
                    if usable.isEmpty {
                        aggregator.summary.skip(\.skippedTraits, key, reason: "trait \"\(key)\" holds no non-empty value; skipped")
                        continue
                    }
                    attributes += usable.map { UserAttribute(facet: facet, value: $0.value, weight: $0.weight) }
                }
            case let other?:
                throw ImportError(file: name, path: "\(path).traits", message: "expected an object, found \(other.kindName)")
            }
            if let batch = aggregator.add(user: id, attributes: attributes) { try sink(batch) }
        }
        if let last = aggregator.finish() { try sink(last) }
        return aggregator.summary
    }
}
