import AssetScoreCore

/// A small colour facet like the default dictionary's, for naming measured colours in tests.
enum TestPalette {
    static let entries: [DictionaryEntry] = [
        ("red", "Red", "#d62828"), ("orange", "Orange", "#f28c28"), ("yellow", "Yellow", "#f6d743"),
        ("green", "Green", "#2e9e44"), ("teal", "Teal", "#1a9e9e"), ("blue", "Blue", "#1f4fd1"),
        ("navy", "Navy", "#1b2a4a"), ("purple", "Purple", "#7b3fa0"), ("pink", "Pink", "#f06292"),
        ("brown", "Brown", "#7b4a2a"), ("black", "Black", "#111111"), ("white", "White", "#fafafa"),
        ("grey", "Grey", "#8a8a8a"), ("beige", "Beige", "#e8dcc0"),
    ].map { DictionaryEntry(id: $0.0, facet: "color", label: $0.1, hex: $0.2) }
}
