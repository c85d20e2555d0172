import Foundation

/// Public colour measures for code outside the analyser (the model cross-check): the same
/// CIELAB conversion and CIEDE2000 distance the analyser uses to name colours.
public enum ColorMetrics {
    /// CIELAB (D65) of a "#rrggbb" or "#rgb" colour; nil when the text is not one.
    public static func lab(hex: String) -> [Double]? {
        RGBColor(hex: hex).map { ColorConversion.lab($0).array }
    }

    /// CIEDE2000 between two Lab triples; nil unless both have three components.
    public static func deltaE(_ lab1: [Double], _ lab2: [Double]) -> Double? {
        guard lab1.count == 3, lab2.count == 3 else { return nil }
        return ColorDifference.ciede2000(LabColor(l: lab1[0], a: lab1[1], b: lab1[2]), LabColor(l: lab2[0], a: lab2[1], b: lab2[2]))
    }

    /// CIEDE2000 between two hex colours; nil when either is not a colour.
    public static func deltaE(hex hex1: String, hex hex2: String) -> Double? {
        guard let a = lab(hex: hex1), let b = lab(hex: hex2) else { return nil }
        return deltaE(a, b)
    }

    /// "#rrggbb" in lower case, or nil when the text is not a colour.
    public static func normalisedHex(_ hex: String) -> String? {
        RGBColor(hex: hex)?.hex
    }
}

/// The shared vocabulary's layout classes, for code outside the analyser.
public enum LayoutClass {
    /// "banner", "email-header", "landscape", "square", "portrait", "skyscraper" or "icon".
    public static func formatClass(width: Int, height: Int) -> String {
        FormatClass.classify(width: width, height: height).rawValue
    }

    /// The raw tag text of a format class ("email header" for "email-header").
    public static func tagText(formatClass: String) -> String {
        FormatClass(rawValue: formatClass)?.tagText ?? formatClass
    }

    /// "landscape", "portrait" or "square".
    public static func orientation(width: Int, height: Int) -> String {
        FormatClass.orientation(width: width, height: height)
    }

    /// Every format class's tag text, in the vocabulary's spelling.
    public static var allTagTexts: [String] { FormatClass.allCases.map(\.tagText) }
}
