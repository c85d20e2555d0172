import CThreadPriority

/// Keeps background work from taking the CPU away from the input loop.
///
/// On a two-core machine the console's background work (usage counts, campaign loads, review
/// decisions, preview decodes) can keep both cores busy. The scheduler then preempts the thread
/// drawing the next screen, and a 2 ms key takes 20 ms. So background threads run at a lower
/// priority (nice +10 on Linux): they still get every idle cycle, but the input loop wins
/// whenever both want a core.
public enum BackgroundPriority {
    /// How much lower than the process's own priority background threads run.
    public static let niceIncrement: Int32 = 10

    /// Lowers the calling thread's priority to the process's plus `niceIncrement`; calling it
    /// again on the same thread changes nothing. An unprivileged process cannot raise it again,
    /// so call this only on threads that do nothing but background work: a detached thread, or
    /// inside a block on a queue whose blocks are all background work.
    public static func lowerCurrentThread() {
        // Failing leaves the thread as it was, which is only slower to yield.
        _ = assetscore_lower_thread_priority(niceIncrement)
    }

    /// The calling thread's nice value, or nil where it cannot be read.
    public static var currentNice: Int32? {
        var nice: Int32 = 0
        return assetscore_thread_nice(&nice) == 0 ? nice : nil
    }
}
