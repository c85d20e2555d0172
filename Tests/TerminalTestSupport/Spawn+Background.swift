import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Spawn {
    /// A program left running (a server): signal it, read what it printed, wait for its exit.
    public final class Child {
        public let pid: pid_t
        let outputPath: String
        private var exitStatus: Int32?

        init(pid: pid_t, outputPath: String) {
            self.pid = pid
            self.outputPath = outputPath
        }

        deinit {
            if exitStatus == nil {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                waitpid(pid, &status, 0)
            }
            unlink(outputPath)
        }

        /// stdout and stderr so far.
        public var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

        public func signal(_ sig: Int32) { kill(pid, sig) }

        /// Waits until `output` contains `text`; false after `timeout`.
        public func waitForOutput(_ text: String, timeout: TimeInterval) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if output.contains(text) { return true }
                if exitStatus != nil || hasExited() { return output.contains(text) }
                usleep(20_000)
            }
            return false
        }

        private func hasExited() -> Bool {
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return false }
            exitStatus = Self.decode(status)
            return true
        }

        /// The exit status (128 + n for signal n); kills the child after `timeout`.
        public func wait(timeout: TimeInterval) throws -> Int32 {
            if let exitStatus { return exitStatus }
            let deadline = Date().addingTimeInterval(timeout)
            while !hasExited() {
                if Date() > deadline {
                    kill(pid, SIGKILL)
                    var status: Int32 = 0
                    waitpid(pid, &status, 0)
                    exitStatus = Self.decode(status)
                    throw Failure(description: "process \(pid) did not exit in \(Int(timeout)) s; output:\n\(output)")
                }
                usleep(10_000)
            }
            return exitStatus ?? -1
        }

        static func decode(_ status: Int32) -> Int32 {
            let signal = status & 0x7F
            return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        }
    }

    /// Starts `executable` without waiting: stdin from /dev/null, stdout and stderr into one file.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Child {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString).out").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw Failure(description: "cannot run \(executable): \(String(cString: strerror(spawned)))") }
        return Child(pid: pid, outputPath: outputPath)
    }
}
