#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stopping the process as a terminal's Ctrl-Z would, for a program that reads keys in raw mode
/// (where Ctrl-Z arrives as a byte, not a signal).
public enum JobControl {
    /// Stops the whole process with SIGTSTP's default action and returns once it is continued
    /// (SIGCONT, the shell's `fg` or `bg`). Returns at once when nothing would continue it: the
    /// system discards SIGTSTP for a process group no shell controls, and it does nothing when
    /// the process ignores it.
    ///
    /// The signal goes to the calling thread, unblocked for the moment: this thread then stops
    /// right here with all the others, instead of another thread taking a process-wide signal
    /// while this one runs on (thread pools often block signals). Restore the terminal first.
    ///
    /// The corresponding C functions are `pthread_sigmask` and `raise`.
    public static func stopUntilContinued() {
        var stop = sigset_t()
        sigemptyset(&stop)
        sigaddset(&stop, SIGTSTP)
        var previous = sigset_t()
        _ = pthread_sigmask(SIG_UNBLOCK, &stop, &previous)
        _ = raise(SIGTSTP)
        _ = pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
}
