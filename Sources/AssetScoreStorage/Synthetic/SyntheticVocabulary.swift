import Foundation

/// Word lists for synthetic data: words a marketing team plausibly tags with that a small
/// dictionary does not know, campaign names, and hostile strings a console must survive.
enum SyntheticVocabulary {
    static let adjectives = [
        "neon", "retro", "rustic", "velvet", "cosmic", "urban", "vintage", "pastel", "tropical", "nordic", "golden",
        "misty", "electric", "sunny", "stormy", "frosty", "glossy", "grainy", "hazy", "lush", "mellow", "moonlit",
        "organic", "polished", "quirky", "rugged", "serene", "silky", "sleek", "smoky", "sparkly", "spicy", "starry",
        "sultry", "tangy", "toasty", "twilight", "vivid", "whimsical", "wild", "zesty", "breezy", "candid", "chunky",
        "crisp", "dreamy", "dusty", "earthy", "fizzy", "floral", "fluffy", "gritty", "handmade", "heritage", "iconic",
        "jazzy", "kinetic", "lofi", "marble", "metallic", "nautical", "offbeat", "opulent", "playground", "radiant",
        "rainy", "scenic", "seaside", "snowy", "sporty", "studio", "tactile", "timeless", "upbeat", "woodland",
    ]

    static let nouns = [
        "lagoon", "skyline", "orchard", "festival", "harbour", "meadow", "canyon", "boulevard", "lantern", "carnival",
        "garden", "picnic", "rooftop", "vineyard", "bakery", "market", "cabin", "lighthouse", "balloon", "bicycle",
        "campfire", "cocktail", "confetti", "dessert", "espresso", "fireworks", "greenhouse", "hammock", "jungle",
        "kayak", "library", "marathon", "notebook", "oasis", "pavilion", "quilt", "rainforest", "safari", "sandcastle",
        "skatepark", "snowboard", "stadium", "sunflower", "surfboard", "terrace", "treehouse", "trolley", "umbrella",
        "village", "waterfall", "workshop", "yacht", "zeppelin", "arcade", "boutique", "brunch", "cathedral", "diner",
        "ferris wheel", "gallery", "horizon", "igloo", "jukebox", "lounge", "mosaic", "neighbourhood", "observatory",
        "pier", "regatta", "runway", "sunset", "tapestry", "vinyl", "wildflower",
    ]

    /// Texts a console must draw without breaking: wide characters, emoji, markup, control
    /// characters and a tag far longer than any column.
    static let awkward = [
        "夏のセール", "冬季促销", "여름 세일", "🌴 tropical vibes", "🔥🔥 hot deal", "Ünïcödé fest", "crème brûlée",
        "<script>alert(1)</script>", "\u{1B}[31mred alert\u{1B}[0m", "tab\tseparated\tvalue", "right\u{202E}to left",
        String(repeating: "very long tag ", count: 22).trimmingCharacters(in: .whitespaces),
    ]

    static let campaignSeasons = [
        "spring", "summer", "autumn", "winter", "holiday", "back-to-school", "black-friday", "new-year", "valentines",
        "easter", "mid-season", "anniversary",
    ]

    static let campaignKinds = ["sale", "launch", "newsletter", "retargeting", "loyalty", "onboarding", "teaser", "clearance"]

    /// File-name words that are neither in the dictionary nor worth reviewing (hint tags).
    static let fileWords = ["hero", "final", "v2", "v3", "approved", "draft", "crop", "mobile", "desktop", "alt", "copy", "2x"]

    static let failureReasons = [
        "cannot decode image: premature end of JPEG data",
        "cannot decode image: not a PNG file (bad signature)",
        "cannot read file: permission denied",
        "image is too small to be a creative (1x1 px tracking pixel)",
        "cannot decode image: unsupported WebP feature (animation)",
    ]
}
