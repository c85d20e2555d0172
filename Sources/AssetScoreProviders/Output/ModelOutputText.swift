import AssetScoreCore
import AssetScoreIngest
import Foundation

/// Turns the model's message text into a JSON value, accepting a markdown fence only when it
/// encloses the whole message.
///
/// Models sometimes wrap JSON in ```json ... ``` although told not to. Unwrapping that is safe
/// when the fence is the entire message; JSON found somewhere inside prose is not accepted,
/// because picking "the JSON part" out of a longer answer is guessing. Only the opening line
/// and the closing fence are removed, so backticks inside string values are left alone.
enum ModelOutputText {
    static func json(from message: String) throws(ProviderFailure) -> JSONValue {
        let text = try unfenced(message)
        guard !text.isEmpty else { throw .invalidOutput(field: "(root)", message: "the answer is empty") }
        do {
            return try JSONValue.parse(Data(text.utf8))
        } catch {
            let detail = (error as? JSONValue.SyntaxError)?.message ?? "\(error)"
            throw .invalidOutput(field: "(root)", message: "not valid JSON (\(SafeText.display(detail, limit: 160)))")
        }
    }

    static func unfenced(_ message: String) throws(ProviderFailure) -> String {
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("```") else {
            if text.contains("```"), !text.hasPrefix("{") {
                throw .invalidOutput(field: "(root)", message: "a code fence inside other text; only a fence around the whole answer is accepted")
            }
            return text
        }
        // Opening fence: ``` plus an optional info string on its own line.
        guard let firstNewline = text.firstIndex(of: "\n") else {
            throw .invalidOutput(field: "(root)", message: "a code fence that never ends")
        }
        let info = text[text.index(text.startIndex, offsetBy: 3)..<firstNewline].trimmingCharacters(in: .whitespaces)
        guard info.isEmpty || info.lowercased() == "json" else {
            throw .invalidOutput(field: "(root)", message: "a code fence of type \"\(SafeText.display(info, limit: 20))\", not JSON")
        }
        let body = text[text.index(after: firstNewline)...]
        guard body.hasSuffix("```") else {
            throw .invalidOutput(field: "(root)", message: "text after the closing code fence, or no closing fence")
        }
        let inner = body.dropLast(3)
        // The closing fence must sit on its own line.
        guard inner.isEmpty || inner.hasSuffix("\n") else {
            throw .invalidOutput(field: "(root)", message: "the closing code fence is not on its own line")
        }
        return inner.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
