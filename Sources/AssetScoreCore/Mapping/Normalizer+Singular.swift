import Foundation

extension Normalizer {
    /// The English singular of one normalised token ("beaches" -> "beach", "glass" stays "glass").
    ///
    /// Rule-based rather than dictionary-based because tags are open vocabulary. The rules are
    /// deliberately conservative: words that look plural but are not ("news", "analysis", "bus",
    /// "glass", "series") are left alone, and tokens with digits or non-ASCII letters are never
    /// touched. A wrong singular is harmless as long as it is consistent, because the dictionary's
    /// labels go through the same function; a wrong merge of two words is not, hence the caution.
    public static func singular(_ token: String) -> String {
        if let irregular = irregularPlurals[token] { return irregular }
        guard token.count >= 4, token.hasSuffix("s"),
            token.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })
        else { return token }
        if invariant.contains(token) { return token }
        if token.hasSuffix("ss") || token.hasSuffix("us") || token.hasSuffix("is") { return token }

        if token.hasSuffix("ies") {
            let stem = String(token.dropLast(3))
            if ieWords.contains(stem + "ie") { return stem + "ie" }
            return token.count > 4 ? stem + "y" : String(token.dropLast())
        }
        if token.hasSuffix("uses") {
            let stem = String(token.dropLast(2))
            return usWords.contains(stem) ? stem : String(token.dropLast())
        }
        if token.hasSuffix("sses") || token.hasSuffix("shes") || token.hasSuffix("xes") || token.hasSuffix("zzes") {
            return String(token.dropLast(2))
        }
        if token.hasSuffix("ches") {
            // "headaches" and "niches" keep their "e"; "beaches" and "sandwiches" do not.
            let keepsE =
                (token.hasSuffix("aches") && !token.hasSuffix("eaches") && !token.hasSuffix("oaches"))
                || ["niches", "quiches", "cliches", "fiches", "creches"].contains(token)
            return String(token.dropLast(keepsE ? 1 : 2))
        }
        if token.hasSuffix("oes") {
            let stem = String(token.dropLast(2))
            return oeWords.contains(stem + "e") ? stem + "e" : stem
        }
        return String(token.dropLast())
    }

    /// Words ending in "s" that are singular (or have no singular worth mapping to).
    static let invariant: Set<String> = [
        "news", "series", "species", "means", "physics", "mathematics", "maths", "politics", "economics",
        "ethics", "athletics", "gymnastics", "aerobics", "diabetes", "herpes", "rabies", "scabies", "measles",
        "mumps", "biceps", "triceps", "forceps", "headquarters", "lens", "christmas", "always", "perhaps",
        "whereas", "this", "thus", "yes", "kudos", "chaos", "cosmos", "ethos", "pathos", "thermos", "asbestos",
        "canvas", "atlas", "alias", "bias", "texas", "kansas", "arkansas", "vegas", "paris", "mars", "overseas",
        "clothes", "macos", "does", "hers", "ours", "yours", "theirs", "billiards", "rhinoceros", "glasses",
        "sunglasses", "shorts", "pliers", "binoculars", "tweezers", "goods", "sweepstakes",
    ]

    /// Plurals no suffix rule gets right.
    static let irregularPlurals: [String: String] = [
        "children": "child", "childrens": "child", "women": "woman", "womens": "woman", "mens": "man",
        "people": "person", "peoples": "people", "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose",
        "oxen": "ox", "leaves": "leaf", "knives": "knife", "wives": "wife", "lives": "life", "wolves": "wolf",
        "halves": "half", "shelves": "shelf", "loaves": "loaf", "thieves": "thief", "calves": "calf",
        "scarves": "scarf", "elves": "elf", "selves": "self", "hooves": "hoof", "criteria": "criterion",
        "phenomena": "phenomenon", "cacti": "cactus", "fungi": "fungus", "alumni": "alumnus", "indices": "index",
        "matrices": "matrix", "vertices": "vertex", "analyses": "analysis", "crises": "crisis", "theses": "thesis",
        "diagnoses": "diagnosis", "oases": "oasis", "hypotheses": "hypothesis", "axes": "axe", "quizzes": "quiz",
        "gases": "gas", "atlases": "atlas", "canvases": "canvas", "aliases": "alias", "biases": "bias",
    ]

    /// Singulars ending in "ie", whose plural "-ies" must not become "-y".
    static let ieWords: Set<String> = [
        "movie", "cookie", "zombie", "calorie", "rookie", "selfie", "smoothie", "brownie", "hoodie", "veggie",
        "goalie", "prairie", "genie", "pixie", "foodie", "newbie", "indie", "birdie", "auntie", "sweetie",
        "hippie", "yuppie", "techie", "junkie", "roomie", "boogie", "lingerie", "collie", "beanie", "bootie",
        "freebie", "groupie", "hottie", "kiddie", "magpie", "pinkie", "quickie", "sortie", "talkie", "walkie",
        "eyrie", "specie", "reverie", "menagerie", "coterie", "camaraderie", "bourgeoisie", "aussie",
    ]

    /// Singulars ending in "us" whose plural adds "es" ("buses"), unlike "houses" or "causes".
    static let usWords: Set<String> = [
        "bus", "bonus", "virus", "campus", "status", "citrus", "circus", "chorus", "genius", "octopus", "walrus",
        "census", "prospectus", "apparatus", "hippopotamus", "rebus", "thesaurus", "platypus", "abacus", "focus",
        "lotus", "fetus", "sinus", "surplus", "stimulus", "nucleus", "syllabus", "crocus", "cactus", "exodus",
        "plus", "hummus", "asparagus", "fungus", "hibiscus", "minibus", "omnibus", "trolleybus", "nexus",
    ]

    /// Singulars ending in "oe", whose plural "-oes" must not lose the "e" ("shoes" vs "heroes").
    static let oeWords: Set<String> = [
        "shoe", "toe", "canoe", "oboe", "hoe", "foe", "tiptoe", "horseshoe", "snowshoe", "floe", "throe", "aloe",
        "sloe", "roe", "doe", "woe", "mistletoe", "felloe", "backhoe", "overshoe",
    ]
}
