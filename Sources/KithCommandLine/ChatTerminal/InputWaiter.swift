import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waits until an input descriptor is readable or another thread calls ``wake()``: the one
/// blocking point of `kith chat`'s loop. Wake-ups travel through a non-blocking pipe, so a wake
/// that comes before the wait is not lost.
public final class InputWaiter: Sendable {
    /// What a wait found.
    public struct Readiness: Sendable, Equatable {
        /// The input descriptor has bytes, or reached its end.
        public var input: Bool
        /// ``InputWaiter/wake()`` was called since the last wait.
        public var woken: Bool
    }

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

    /// Makes the current or next ``wait(for:)`` return with `woken`. Safe from any thread.
    public func wake() {
        var byte: UInt8 = 1
        // A full pipe already holds a wake-up: EAGAIN is fine.
        _ = write(writeEnd, &byte, 1)
    }

    /// Waits until `descriptor` is readable (or at its end) or a wake-up comes; `descriptor`
    /// nil waits for wake-ups only.
    /// The corresponding C function is `poll`.
    /// `timeoutMilliseconds` (-1: none) bounds the wait; nothing ready when it passes.
    public func wait(for descriptor: Int32?, timeoutMilliseconds: Int32 = -1)
        throws(SystemCallError) -> Readiness
    {
        var descriptors = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        if let descriptor {
            descriptors.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
        }
        while true {
            let ready = try systemCall("poll (chat input)") {
                descriptors.withUnsafeMutableBufferPointer {
                    poll($0.baseAddress, nfds_t($0.count), timeoutMilliseconds)
                }
            }
            if ready == 0 { return Readiness(input: false, woken: false) }
            let woken = descriptors[0].revents != 0
            if woken { drainWakeUps() }
            let input = descriptors.count > 1 && descriptors[1].revents != 0
            if woken || input { return Readiness(input: input, woken: woken) }
        }
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
