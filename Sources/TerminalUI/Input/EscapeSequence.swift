import Foundation

/// Decodes the escape sequences a terminal library may pass through undecoded (its terminfo entry
/// does not list them): cursor and editing keys in CSI and SS3 form, F1-F12, shift-tab and SGR
/// mouse reports. Modifiers (ctrl-up is "ESC [1;5A") are dropped: the plain key is returned.
public enum EscapeSequence {
    /// True once `body` (what followed ESC) is a whole sequence, or can never become one, so the
    /// reader knows when to stop waiting for more input.
    public static func isComplete(_ body: [Unicode.Scalar]) -> Bool {
        guard let first = body.first else { return false }
        switch first {
        case "[":
            guard body.count >= 2 else { return false }
            return body.dropFirst().contains { (0x40...0x7E).contains($0.value) && $0 != "[" }
                || body.count > 32
        case "O": return body.count >= 2
        default: return true
        }
    }

    /// The key `body` (the characters after ESC) stands for; nil when it is not a sequence we know.
    public static func decode(_ body: [Unicode.Scalar]) -> Key? {
        guard body.count >= 2 else { return nil }
        let final = body[body.count - 1]
        if body[0] == "O" {
            return body.count == 2 ? ss3[final] : nil
        }
        guard body[0] == "[" else { return nil }
        let params = String(String.UnicodeScalarView(body[1..<(body.count - 1)]))
        if params.hasPrefix("<") { return sgrMouse(params.dropFirst(), final: final) }
        if final == "~" {
            let first = params.split(separator: ";").first.flatMap { Int($0) }
            return first.flatMap { tilde[$0] }
        }
        guard params.isEmpty || params.allSatisfy({ $0.isNumber || $0 == ";" }) else { return nil }
        return csi[final]
    }

    private static let ss3: [Unicode.Scalar: Key] = [
        "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end, "M": .enter,
        "P": .function(1), "Q": .function(2), "R": .function(3), "S": .function(4),
    ]

    private static let csi: [Unicode.Scalar: Key] = [
        "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end, "Z": .backTab,
        "P": .function(1), "Q": .function(2), "R": .function(3), "S": .function(4),
    ]

    private static let tilde: [Int: Key] = [
        1: .home, 2: .insert, 3: .delete, 4: .end, 5: .pageUp, 6: .pageDown, 7: .home, 8: .end,
        11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
        17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
        23: .function(11), 24: .function(12),
    ]

    /// "ESC [ < b ; x ; y M": a press (M) of button code b at 1-based column x, row y.
    private static func sgrMouse(_ params: Substring, final: Unicode.Scalar) -> Key? {
        let numbers = params.split(separator: ";").compactMap { Int($0) }
        guard final == "M", numbers.count == 3, numbers[1] >= 1, numbers[2] >= 1 else { return nil }
        let code = numbers[0]
        guard code & 32 == 0 else { return nil }  // motion, not a press
        let button: MouseButton
        switch (code & 64 != 0, code & 3) {
        case (false, 0): button = .left
        case (false, 1): button = .middle
        case (false, 2): button = .right
        case (true, 0): button = .wheelUp
        case (true, 1): button = .wheelDown
        default: return nil
        }
        return .mouse(x: numbers[1] - 1, y: numbers[2] - 1, button: button)
    }
}
