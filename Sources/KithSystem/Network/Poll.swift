#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// What `poll` reports, or is asked to watch, for one descriptor.
public struct PollEvents: OptionSet, Hashable, Sendable {
    /// The `events` / `revents` bits.
    public let rawValue: Int16

    /// Events from their bits.
    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    /// `POLLIN`: data (or a connection, or end of file) to read.
    public static let readable = PollEvents(rawValue: Int16(POLLIN))
    /// `POLLOUT`: room to write (or a nonblocking connect finished).
    public static let writable = PollEvents(rawValue: Int16(POLLOUT))
    /// `POLLERR`: an error is pending (always reported).
    public static let error = PollEvents(rawValue: Int16(POLLERR))
    /// `POLLHUP`: the peer hung up (always reported).
    public static let hangUp = PollEvents(rawValue: Int16(POLLHUP))
    /// `POLLNVAL`: the descriptor is not open (always reported).
    public static let invalid = PollEvents(rawValue: Int16(POLLNVAL))
}

/// The `poll` system call.
package enum Poll {
    /// Waits until one of `descriptors` is ready or `timeoutMilliseconds` pass (-1: no limit),
    /// filling in their `revents`. Returns the number ready; 0 on timeout or when a signal
    /// interrupted the wait (the caller recomputes its timers and polls again).
    /// The corresponding C function is `poll`.
    package static func wait(_ descriptors: inout [pollfd], timeoutMilliseconds: Int32)
        throws(SystemCallError)
        -> Int
    {
        let result = descriptors.withUnsafeMutableBufferPointer {
            poll($0.baseAddress, nfds_t($0.count), timeoutMilliseconds)
        }
        if result >= 0 { return Int(result) }
        let error = SystemCallError.current("poll")
        if error.code == .interrupted { return 0 }
        throw error
    }
}
