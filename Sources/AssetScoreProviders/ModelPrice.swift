import Foundation

/// A model's list price in US dollars per million tokens.
public struct ModelPrice: Sendable, Hashable, Codable {
    public var inputPerMillion: Double
    public var outputPerMillion: Double

    public init(inputPerMillion: Double, outputPerMillion: Double) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    public func cost(inputTokens: Int, outputTokens: Int) -> Double {
        (Double(inputTokens) * inputPerMillion + Double(outputTokens) * outputPerMillion) / 1_000_000
    }
}

/// Known prices, so a run can report what it cost.
///
/// Built-in list prices as published by the vendors, checked 2026-12-03; prices change, so the
/// configuration can override any entry, and an unknown model gets no cost (nil) rather than a
/// guess. Dated model names ("gpt-4o-2024-08-06") fall back to their undated family.
public struct PriceTable: Sendable, Hashable {
    public static let builtIn: [String: ModelPrice] = [
        "gpt-4o": ModelPrice(inputPerMillion: 2.50, outputPerMillion: 10.00),
        "gpt-4o-mini": ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.60),
        "gpt-4.1": ModelPrice(inputPerMillion: 2.00, outputPerMillion: 8.00),
        "gpt-4.1-mini": ModelPrice(inputPerMillion: 0.40, outputPerMillion: 1.60),
        "gpt-4.1-nano": ModelPrice(inputPerMillion: 0.10, outputPerMillion: 0.40),
        "claude-sonnet-4-5": ModelPrice(inputPerMillion: 3.00, outputPerMillion: 15.00),
        "claude-haiku-4-5": ModelPrice(inputPerMillion: 1.00, outputPerMillion: 5.00),
        "claude-opus-4-1": ModelPrice(inputPerMillion: 15.00, outputPerMillion: 75.00),
    ]

    public var prices: [String: ModelPrice]

    /// The built-in table with `overrides` on top.
    public init(overrides: [String: ModelPrice] = [:]) {
        prices = Self.builtIn.merging(overrides) { _, override in override }
    }

    /// The price of `model`, trying the exact name, then the name without a date suffix
    /// ("-2024-08-06", "-20250929").
    public func price(for model: String) -> ModelPrice? {
        if let price = prices[model] { return price }
        let undated = model.replacingOccurrences(of: #"-(\d{4}-\d{2}-\d{2}|\d{8})$"#, with: "", options: .regularExpression)
        return prices[undated]
    }

    public func cost(model: String, inputTokens: Int, outputTokens: Int) -> Double? {
        price(for: model)?.cost(inputTokens: inputTokens, outputTokens: outputTokens)
    }
}
