import Foundation
import KithSystem
import Synchronization
import Testing

@testable import KithNode

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Event loop")
struct EventLoopTests {
    /// Runs `loop` on a thread of its own until it stops.
    private func runInBackground(_ loop: EventLoop, finished: @escaping @Sendable () -> Void) {
        let thread = Thread {
            try? loop.run()
            finished()
        }
        thread.start()
    }

    @Test("work posted from another thread runs on the loop, timers fire, stop ends run")
    func runsPostedWorkAndTimers() async throws {
        let loop = try EventLoop()
        let log = Mutex<[String]>([])
        let done = Mutex(false)
        runInBackground(loop) { done.withLock { $0 = true } }
        loop.execute {
            log.withLock { $0.append("posted") }
            loop.schedule(after: 5) { log.withLock { $0.append("timer") } }
        }
        try await waitUntil("the timer fired") { log.withLock { $0 } == ["posted", "timer"] }
        loop.stop()
        try await waitUntil("run returned") { done.withLock { $0 } }
        loop.shutDown()
        #expect(loop.execute {} == false)
    }

    @Test("what the loop confines is touched on its thread, or before it runs and after")
    func confinement() async throws {
        let loop = try EventLoop()
        #expect(loop.isConfinedHere, "before run, the setting-up thread may touch the loop")
        let inside = Mutex<Bool?>(nil)
        let done = Mutex(false)
        runInBackground(loop) { done.withLock { $0 = true } }
        loop.execute { inside.withLock { $0 = loop.isConfinedHere } }
        try await waitUntil("the posted work ran") { inside.withLock { $0 } != nil }
        #expect(inside.withLock { $0 } == true)
        #expect(!loop.isConfinedHere, "another thread, while the loop runs")
        loop.stop()
        try await waitUntil("run returned") { done.withLock { $0 } }
        #expect(loop.isConfinedHere, "after run returned")
        loop.shutDown()
    }

    @Test("a readable descriptor wakes the loop and its handler sees it")
    func dispatchesReadiness() async throws {
        let loop = try EventLoop()
        let receiver = try Socket.make(.ipv4, .datagram)
        defer { receiver.close() }
        try receiver.bind(to: .loopbackIPv4(port: 0))
        let address = try receiver.localAddress()
        let received = Mutex<[[UInt8]]>([])
        loop.register(receiver.descriptor, interest: .readable) { events in
            guard events.contains(.readable) else { return }
            while let datagram = try? receiver.receiveDatagram(maximumCount: 16) {
                received.withLock { $0.append(datagram.bytes) }
            }
        }
        let done = Mutex(false)
        runInBackground(loop) { done.withLock { $0 = true } }
        let sender = try Socket.make(.ipv4, .datagram)
        defer { sender.close() }
        _ = try sender.send([42], to: address)
        try await waitUntil("the datagram was handled") { received.withLock { $0 } == [[42]] }
        loop.stop()
        try await waitUntil("run returned") { done.withLock { $0 } }
        loop.shutDown()
    }

    /// A connected pair of Unix stream sockets.
    private func socketPair() throws -> (Int32, Int32) {
        var descriptors: [Int32] = [-1, -1]
        let result = socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &descriptors)
        try #require(result == 0)
        return (descriptors[0], descriptors[1])
    }

    @Test("a descriptor with no interest reports nothing, not even a hang-up, until it has one")
    func emptyInterestReportsNothing() throws {
        let loop = try EventLoop()
        let (local, remote) = try socketPair()
        defer { close(local) }
        let reported = Mutex<[PollEvents]>([])
        loop.register(local, interest: []) { events in reported.withLock { $0.append(events) } }
        close(remote)  // the local end now reads as hung up
        loop.schedule(after: 20) {}
        try loop.turn()
        #expect(reported.withLock { $0 }.isEmpty)
        loop.setInterest(local, .readable)
        try loop.turn()
        let events = reported.withLock { $0 }
        #expect(events.count == 1)
        #expect(events.first?.contains(.hangUp) == true)
        loop.unregister(local)
        loop.shutDown()
    }

    @Test("a descriptor closed and reused in a turn: the new registration hears only its own")
    func reusedNumberIsNotTold() throws {
        let loop = try EventLoop()
        let (first, firstPeer) = try socketPair()
        let (second, secondPeer) = try socketPair()
        defer {
            for descriptor in [first, second, firstPeer, secondPeer] { close(descriptor) }
        }
        let handled = Mutex<[String]>([])
        var replaced = false
        // Whichever handler runs first puts a new socket at the other's number (dup2: the old
        // file closes and the number is reused at once, whatever other threads open); the old
        // one's readiness in this turn must not reach the new registration.
        func replace(_ other: Int32, by name: String) {
            handled.withLock { $0.append(name) }
            guard !replaced else { return }
            replaced = true
            loop.unregister(other)
            let fresh = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            #expect(dup2(fresh, other) == other)
            close(fresh)
            loop.register(other, interest: .readable) { _ in
                handled.withLock { $0.append("replacement") }
            }
        }
        loop.register(first, interest: .readable) { _ in replace(second, by: "first") }
        loop.register(second, interest: .readable) { _ in replace(first, by: "second") }
        _ = write(firstPeer, "x", 1)
        _ = write(secondPeer, "y", 1)
        try loop.turn()
        #expect(handled.withLock { $0 }.count == 1)
        #expect(!handled.withLock { $0 }.contains("replacement"))
        loop.unregister(first)
        loop.unregister(second)
        loop.shutDown()
    }

    @Test("a number closed without unregistering, then registered again, is watched again")
    func reRegisteredAfterCloseIsWatched() throws {
        let loop = try EventLoop()
        let (stale, stalePeer) = try socketPair()
        close(stalePeer)
        loop.register(stale, interest: .readable) { _ in }
        // A new socket takes the number without the loop being told (dup2 closes the old file,
        // so the kernel forgets its watch); registering the number again must watch the new one.
        let (fresh, freshPeer) = try socketPair()
        #expect(dup2(fresh, stale) == stale)
        close(fresh)
        defer {
            close(stale)
            close(freshPeer)
        }
        let reported = Mutex(0)
        loop.register(stale, interest: .readable) { _ in reported.withLock { $0 += 1 } }
        _ = write(freshPeer, "z", 1)
        loop.schedule(after: 5_000) {}
        try loop.turn()
        #expect(reported.withLock { $0 } == 1)
        loop.unregister(stale)
        loop.shutDown()
    }

    @Test("work still queued at shut down runs; later work is refused")
    func shutDownRunsQueuedWork() throws {
        let loop = try EventLoop()
        let ran = Mutex(0)
        let increment: @Sendable () -> Void = { ran.withLock { $0 += 1 } }
        let acceptedBefore = loop.execute(increment)
        #expect(acceptedBefore)
        loop.shutDown()
        #expect(ran.withLock { $0 } == 1)
        let acceptedAfter = loop.execute(increment)
        #expect(!acceptedAfter)
        #expect(ran.withLock { $0 } == 1)
    }
}
