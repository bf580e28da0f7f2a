import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells when nobody reads standard output any more (the pipe's reader exited, the terminal hung
/// up), so a command that would otherwise run forever can end.
enum OutputWatch {
    /// Whether `descriptor` is a pipe or socket whose reader is gone, or a hung-up terminal.
    ///
    /// The corresponding C function is `poll`.
    static func isClosed(_ descriptor: Int32 = 1) -> Bool {
        var entry = pollfd(fd: descriptor, events: 0, revents: 0)
        guard (try? valueOrErrno({ poll(&entry, 1, 0) })) != nil else { return false }
        let closedMask = Int16(POLLERR) | Int16(POLLHUP) | Int16(POLLNVAL)
        return entry.revents & closedMask != 0
    }
}
