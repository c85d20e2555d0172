import CChafa
import Foundation
import TerminalUI

/// Which pixel-graphics protocol the terminal speaks, as chafa's terminal database reads it from
/// the environment (TERM, TERM_PROGRAM, KITTY_WINDOW_ID, ...).
///
/// Detection is by environment only, never by querying the terminal: a query's answer would
/// arrive as keystrokes in the console's input. chafa is conservative (xterm, tmux and the Linux
/// console get symbols), so a terminal it does not know keeps working; `--graphics` forces a mode.
public enum PixelGraphics {
    public static func detect(environment: [String: String]) -> GraphicsMode {
        guard let info = termInfo(environment: environment) else { return .symbols }
        defer { chafa_term_info_unref(info) }
        if chafa_term_info_have_seq(info, CHAFA_TERM_SEQ_BEGIN_KITTY_IMMEDIATE_IMAGE_V1) != 0 { return .kitty }
        if chafa_term_info_have_seq(info, CHAFA_TERM_SEQ_BEGIN_SIXELS) != 0 { return .sixel }
        return .symbols
    }

    /// Parses `auto`, `symbols`, `sixel` or `kitty` (a setting's value); nil for anything else.
    public static func mode(named name: String, environment: [String: String]) -> GraphicsMode? {
        let name = name.lowercased()
        if name == "auto" { return detect(environment: environment) }
        return GraphicsMode(rawValue: name)
    }

    static func termInfo(environment: [String: String]) -> OpaquePointer? {
        let pairs = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { pairs.forEach { free($0) } }
        var envp: [UnsafeMutablePointer<CChar>?] = pairs + [nil]
        return envp.withUnsafeMutableBufferPointer { buffer in
            chafa_term_db_detect(chafa_term_db_get_default(), buffer.baseAddress)
        }
    }

    /// The sequences chafa prints with: what the environment says, plus chafa's generic fallback
    /// for what it lacks, so a forced mode still has its sequences.
    static func printingInfo() -> OpaquePointer? {
        let info = termInfo(environment: ProcessInfo.processInfo.environment)
        guard let fallback = chafa_term_db_get_fallback_info(chafa_term_db_get_default()) else { return info }
        guard let info else { return fallback }
        chafa_term_info_supplement(info, fallback)
        chafa_term_info_unref(fallback)
        return info
    }
}
