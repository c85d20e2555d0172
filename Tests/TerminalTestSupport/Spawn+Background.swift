import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Spawn {
    /// A child started in the background, to be signalled (SIGKILL mid-batch, SIGTERM to stop a
    /// watch) and waited for; stdout and stderr go to one file read with `output`.
    public final class Child {
        public let pid: pid_t
        let outputPath: String
        public private(set) var status: Int32?

        init(pid: pid_t, outputPath: String) {
            self.pid = pid
            self.outputPath = outputPath
        }

        deinit {
            if status == nil {
                kill(pid, SIGKILL)
                _ = try? wait(timeout: 5)
            }
            unlink(outputPath)
        }

        public var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

        public func signal(_ sig: Int32) { kill(pid, sig) }

        /// Waits for the child; its exit status (128 + n for signal n).
        @discardableResult
        public func wait(timeout: TimeInterval) throws -> Int32 {
            if let status { return status }
            var raw: Int32 = 0
            let deadline = Date().addingTimeInterval(timeout)
            while waitpid(pid, &raw, WNOHANG) == 0 {
                if Date() > deadline {
                    kill(pid, SIGKILL)
                    waitpid(pid, &raw, 0)
                    throw Failure(description: "child \(pid) did not finish in \(Int(timeout)) s")
                }
                usleep(5_000)
            }
            let sig = raw & 0x7F
            let result = sig == 0 ? (raw >> 8) & 0xFF : 128 + sig
            status = result
            return result
        }
    }

    /// Starts `executable` without waiting: stdin from /dev/null, stdout and stderr to a file.
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
