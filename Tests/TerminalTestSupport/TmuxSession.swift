import Foundation

/// One detached tmux server and session running a command, driven like a person at a terminal:
/// send keys, look at the screen.
///
/// Each session gets its own server socket (`tmux -S`, a path of our own), so `kill()` ends exactly
/// the server this test started and nothing else, and removes its socket; `-f /dev/null` keeps any
/// user configuration out.
public final class TmuxSession {
    public let tmux: URL
    public let socket: String
    public let name = "smoke"

    public init(tmux: URL, command: String, width: Int, height: Int) throws {
        self.tmux = tmux
        socket = "/tmp/assetscore-tmux-\(UUID().uuidString.prefix(12))"
        let result = try run(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", name, command])
        guard result.status == 0 else {
            throw TmuxFailure(message: "tmux new-session failed (\(result.status)): \(result.output)")
        }
    }

    public struct TmuxFailure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The pane as text, one line per row (`escapes`: with the SGR sequences tmux would redraw it with).
    public func capture(escapes: Bool = false) -> String {
        (try? run(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : [])).output) ?? ""
    }

    /// A tmux format for the pane ("#{alternate_on}").
    public func display(_ format: String) -> String {
        ((try? run(["display-message", "-p", "-t", name, format]).output) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Key names as tmux knows them ("Up", "C-r", "BTab", "Escape").
    public func send(_ keys: String...) { _ = try? run(["send-keys", "-t", name] + keys) }
    /// Text typed as it is.
    public func type(_ text: String) { _ = try? run(["send-keys", "-t", name, "-l", text]) }
    /// Raw bytes, for sequences no key produces (mouse reports, terminal replies).
    public func sendBytes(_ bytes: [UInt8]) { _ = try? run(["send-keys", "-t", name, "-H"] + bytes.map { String(format: "%02x", $0) }) }

    public func resize(width: Int, height: Int) { _ = try? run(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"]) }

    /// Polls the screen until `condition` holds; returns that screen, or nil after `timeout`.
    public func wait(timeout: TimeInterval = 10, escapes: Bool = false, until condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let screen = capture(escapes: escapes)
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return nil
    }

    /// Appends every byte the pane's program writes from now on to `file` (tmux pipe-pane), for
    /// sequences a capture cannot show (sixel and kitty graphics).
    public func logOutput(to file: String) throws {
        let quoted = "'" + file.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let result = try run(["pipe-pane", "-o", "-t", name, "cat >> \(quoted)"])
        guard result.status == 0 else { throw TmuxFailure(message: "tmux pipe-pane failed (\(result.status)): \(result.output)") }
    }

    public func kill() {
        _ = try? run(["kill-server"])
        unlink(socket)
    }

    /// Runs one tmux command, with a pinned UTF-8 locale and outside any enclosing tmux.
    @discardableResult
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        return try Spawn.run(tmux.path, ["-S", socket, "-f", "/dev/null", "-u"] + arguments, environment: environment)
    }
}
