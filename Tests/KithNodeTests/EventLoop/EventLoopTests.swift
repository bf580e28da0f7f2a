import Foundation
import KithSystem
import Synchronization
import Testing

@testable import KithNode

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
