import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A socket did not become ready in the time a test gave it.
public struct SocketNotReady: Error, CustomStringConvertible {
    /// What the test waited for.
    public let events: PollEvents

    public var description: String { "socket not ready for \(events)" }
}

/// Waits until `socket` is ready for `events`, or fails after `timeoutMilliseconds`.
public func waitForSocket(
    _ socket: Socket, _ events: PollEvents, timeoutMilliseconds: Int32 = 10_000
)
    throws
{
    var descriptors = [pollfd(fd: socket.descriptor, events: events.rawValue, revents: 0)]
    guard try Poll.wait(&descriptors, timeoutMilliseconds: timeoutMilliseconds) > 0 else {
        throw SocketNotReady(events: events)
    }
}
