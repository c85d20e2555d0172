import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program with posix_spawn and waits for it with waitpid.
///
/// Foundation's `Process` on Linux learns that a child ended when a descriptor it hands the child
/// closes; `tmux new-session` leaves a server running that inherits that descriptor, so `Process`
/// would wait for the tmux server rather than the command. Waiting on the pid has no such problem.
public enum Spawn {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `executable` with `arguments`, stdin from /dev/null and stdout and stderr into one
    /// file; returns the exit status (128 + n for signal n) and the output.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String], timeout: TimeInterval = 10) throws
        -> (status: Int32, output: String)
    {
        let child = try start(executable, arguments, environment: environment)
        do {
            let status = try child.wait(timeout: timeout)
            return (status, child.output)
        } catch {
            throw Failure(description: "\(executable) \(arguments.first ?? "") did not finish in \(Int(timeout)) s")
        }
    }
}
