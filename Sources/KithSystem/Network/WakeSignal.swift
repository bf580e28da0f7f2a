import CKithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// An eventfd that any thread can signal to wake a thread blocked in `poll` or `epoll_wait` on it.
public struct WakeSignal: Sendable {
    /// The eventfd's descriptor, to poll for reading.
    public let descriptor: Int32

    /// A new, unsignalled eventfd. The corresponding C function is `eventfd`.
    public init() throws(SystemCallError) {
        descriptor = try systemCall("eventfd") { kith_eventfd_create() }
    }

    /// Makes the descriptor readable. Safe from any thread; several signals before a ``drain()``
    /// wake the poller once. The corresponding C function is `write`.
    public func signal() {
        var one: UInt64 = 1
        _ = try? systemCall("write") { write(descriptor, &one, MemoryLayout<UInt64>.size) }
    }

    /// Clears the signal. The corresponding C function is `read`.
    public func drain() {
        var value: UInt64 = 0
        _ = try? nonblockingCall("read") { read(descriptor, &value, MemoryLayout<UInt64>.size) }
    }

    /// Closes the eventfd.
    public func close() {
        _ = Glibc.close(descriptor)
    }
}
