import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waits until one of the descriptors a loop polls is ready or another thread calls ``wake()``:
/// the one blocking point of `kith chat`'s loop (its input and its node's sockets). Wake-ups
/// travel through a non-blocking pipe, so a wake that comes before the wait is not lost.
public final class InputWaiter: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    /// A waiter with a fresh wake-up pipe.
    /// The corresponding C functions are `pipe` and `fcntl`.
    public init() throws(SystemCallError) {
        var ends: [Int32] = [-1, -1]
        _ = try systemCall("pipe") {
            ends.withUnsafeMutableBufferPointer { pipe($0.baseAddress) }
        }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Makes the current or next ``wait(for:timeoutMilliseconds:)`` return true. Safe from any
    /// thread.
    public func wake() {
        var byte: UInt8 = 1
        // A full pipe already holds a wake-up: EAGAIN is fine.
        _ = write(writeEnd, &byte, 1)
    }

    /// Waits until one of `descriptors` is ready for its `events` (their `revents` say which)
    /// or a wake-up comes; returns whether one came. `timeoutMilliseconds` (-1: none) bounds the
    /// wait; nothing is ready when it passes, or when a signal interrupted it.
    /// The corresponding C function is `poll`.
    public func wait(for descriptors: inout [pollfd], timeoutMilliseconds: Int32 = -1)
        throws(SystemCallError) -> Bool
    {
        var polled = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)] + descriptors
        let ready = polled.withUnsafeMutableBufferPointer {
            poll($0.baseAddress, nfds_t($0.count), timeoutMilliseconds)
        }
        if ready < 0 {
            let error = SystemCallError.current("poll (chat)")
            guard error.code == .interrupted else { throw error }
            for index in descriptors.indices { descriptors[index].revents = 0 }
            return false
        }
        for index in descriptors.indices { descriptors[index].revents = polled[index + 1].revents }
        let woken = polled[0].revents != 0
        if woken { drainWakeUps() }
        return woken
    }

    /// Reads what `descriptor` has, at most `maximumCount` bytes; empty at its end.
    /// The corresponding C function is `read`.
    public func read(_ descriptor: Int32, maximumCount: Int = 4096) throws(SystemCallError)
        -> [UInt8]
    {
        var buffer = [UInt8](repeating: 0, count: maximumCount)
        let count = try systemCall("read (descriptor \(descriptor))") {
            buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, maximumCount) }
        }
        return Array(buffer.prefix(count))
    }

    private func drainWakeUps() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ Glibc.read(readEnd, $0.baseAddress, 64) }) > 0 {}
    }
}
