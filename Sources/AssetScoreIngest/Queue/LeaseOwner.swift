import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Who holds a job: "pid:start-time@host", and whether that holder still runs.
///
/// The start time (clock ticks since boot, from /proc/PID/stat) tells a live owner from a new
/// process that happens to reuse a dead one's pid, so a job held by a killed process is
/// recovered at the next start instead of waiting for its lease to expire. An owner on another
/// host cannot be checked and counts as alive: its lease expiry is the backstop.
public enum LeaseOwner {
    /// This process.
    public static let current: String = {
        let pid = getpid()
        return "\(pid):\(startTime(of: pid) ?? "0")@\(ProcessInfo.processInfo.hostName)"
    }()

    public static func isAlive(_ owner: String) -> Bool {
        guard let at = owner.lastIndex(of: "@") else { return true }
        let host = String(owner[owner.index(after: at)...])
        guard host == ProcessInfo.processInfo.hostName else { return true }
        let parts = owner[..<at].split(separator: ":")
        guard parts.count == 2, let pid = Int32(parts[0]) else { return true }
        guard let start = startTime(of: pid) else { return false }
        return start == parts[1]
    }

    /// Field 22 of /proc/PID/stat; read after the last ')' because the command name may
    /// contain spaces and parentheses.
    static func startTime(of pid: Int32) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After ')' come field 3 (state) onwards, so field 22 is at offset 19.
        return fields.count > 19 ? String(fields[19]) : nil
    }
}
