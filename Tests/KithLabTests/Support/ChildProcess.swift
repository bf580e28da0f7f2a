import Glibc

/// A child process started with `PosixProcess.spawn`: tells whether it still runs, how it ended,
/// and reaps it exactly once.
final class ChildProcess: Sendable {
    /// The process id.
    let pid: pid_t
    private let ended = LockedValue<LabProcessTermination?>(nil)

    /// Wraps an already started child.
    init(pid: pid_t) {
        self.pid = pid
    }

    /// How the process ended, or nil while it runs.
    var termination: LabProcessTermination? {
        ended.withLock { ended in
            if ended == nil { ended = try? PosixProcess.reap(pid, block: false) }
            return ended
        }
    }

    /// True while the process has not ended.
    var isRunning: Bool { termination == nil }

    /// Suspends until the process ends (polling, without blocking a thread) and tells how. Throws
    /// `CancellationError` when the task is cancelled first.
    func wait() async throws -> LabProcessTermination {
        var pause = Duration.milliseconds(2)
        while true {
            if let termination { return termination }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(50))
        }
    }

    /// Blocks the calling thread until the process ends. Only for cleanup paths that cannot await.
    func waitBlocking() throws(LabError) -> LabProcessTermination {
        try ended.withLock { ended throws(LabError) -> LabProcessTermination in
            if let ended { return ended }
            while true {
                if let termination = try PosixProcess.reap(pid, block: true) {
                    ended = termination
                    return termination
                }
            }
        }
    }

    /// Sends `signal`; a process that already ended is left alone.
    func send(_ signal: Int32) throws(LabError) {
        // Checking first keeps a reaped pid, perhaps reused by now, from being signalled.
        guard isRunning else { return }
        _ = try PosixProcess.send(signal, to: pid)
    }
}
