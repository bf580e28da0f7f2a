import CKithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// An epoll instance: the kernel keeps the set of watched descriptors, so waiting costs the
/// descriptors that are ready, not every one watched (as `poll` does, which also asks the caller
/// to hand it the whole set on every call). Level-triggered: a descriptor stays ready until what
/// made it ready is consumed, as with `poll`. Events use `poll`'s bits (``PollEvents``).
///
/// Not thread-safe; the owner (an ``EventLoop``) uses it from one thread. Close-on-exec, so a
/// spawned child does not keep it.
package final class Epoll {
    /// The epoll descriptor.
    package let descriptor: Int32
    private var readyDescriptors: [Int32]
    private var readyEvents: [UInt32]

    /// The most descriptors one ``wait(timeoutMilliseconds:)`` reports; the rest stay ready for
    /// the next.
    package static let batchSize = 64

    /// The operations of `epoll_ctl`.
    private enum Operation: Int32 {
        /// `EPOLL_CTL_ADD`.
        case add = 1
        /// `EPOLL_CTL_DEL`.
        case remove = 2
        /// `EPOLL_CTL_MOD`.
        case modify = 3
    }

    /// A new, empty instance. The corresponding C function is `epoll_create1`.
    package init() throws(SystemCallError) {
        descriptor = try systemCall("epoll_create1") { kith_epoll_create() }
        readyDescriptors = Array(repeating: -1, count: Self.batchSize)
        readyEvents = Array(repeating: 0, count: Self.batchSize)
    }

    deinit {
        _ = Glibc.close(descriptor)
    }

    /// Watches `watched` for `events` (errors and hang-ups are always reported). Also right for a
    /// descriptor the set still holds (the watch is changed) and for one whose number was closed
    /// and reused (the kernel forgot the old file). The corresponding C function is `epoll_ctl`.
    package func watch(_ watched: Int32, for events: PollEvents) throws(SystemCallError) {
        let bits = UInt32(UInt16(bitPattern: events.rawValue))
        do {
            _ = try valueOrErrno {
                kith_epoll_control(descriptor, Operation.modify.rawValue, watched, bits)
            }
        } catch {
            guard error == .noSuchFileOrDirectory else {
                throw SystemCallError("epoll_ctl", code: error)
            }
            _ = try systemCall("epoll_ctl") {
                kith_epoll_control(descriptor, Operation.add.rawValue, watched, bits)
            }
        }
    }

    /// Stops watching `watched`; nothing happens when it is not watched (or already closed, which
    /// removes it). The corresponding C function is `epoll_ctl`.
    package func forget(_ watched: Int32) {
        _ = kith_epoll_control(descriptor, Operation.remove.rawValue, watched, 0)
    }

    /// Waits until a watched descriptor is ready or `timeoutMilliseconds` pass (-1: no limit) and
    /// returns how many are ready (at most ``batchSize``): ``ready(_:)`` gives each, until the
    /// next wait. Returns 0 on timeout or when a signal interrupted the wait. The corresponding C
    /// function is `epoll_wait`.
    package func wait(timeoutMilliseconds: Int32) throws(SystemCallError) -> Int {
        let count = readyDescriptors.withUnsafeMutableBufferPointer { descriptors in
            readyEvents.withUnsafeMutableBufferPointer { events in
                kith_epoll_wait(
                    descriptor, descriptors.baseAddress, events.baseAddress, Int32(Self.batchSize),
                    timeoutMilliseconds)
            }
        }
        if count >= 0 { return Int(count) }
        let error = SystemCallError.current("epoll_wait")
        if error.code == .interrupted { return 0 }
        throw error
    }

    /// The `index`th descriptor the last wait reported ready, and its events.
    package func ready(_ index: Int) -> (descriptor: Int32, events: PollEvents) {
        (
            readyDescriptors[index],
            PollEvents(rawValue: Int16(truncatingIfNeeded: readyEvents[index]))
        )
    }
}
