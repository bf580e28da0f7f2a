import KithCore
import KithMesh
import Testing

@Suite("Replication engine: keepalive")
struct ReplicationEngineKeepaliveTests {
    typealias Fixtures = ReplicationFixtures

    /// A harness whose engine sends no digests in the time these tests cover.
    func harness() throws -> EngineHarness {
        var harness = EngineHarness(configuration: .withoutDigests)
        try harness.establish()
        return harness
    }

    @Test("a ping goes out after 15 s without sending, with a new nonce each time")
    func ping() throws {
        var harness = try harness()
        #expect(harness.engine.handle(.tick(now: 14_999)).isEmpty)
        #expect(harness.engine.handle(.tick(now: 15_000)) == [.send(harness.peer, .ping(nonce: 1))])
        _ = try harness.receive(.pong(nonce: 1))
        #expect(harness.engine.handle(.tick(now: 29_999)).isEmpty)
        #expect(harness.engine.handle(.tick(now: 30_000)) == [.send(harness.peer, .ping(nonce: 2))])
    }

    @Test("sending anything postpones the ping")
    func sendingPostpones() throws {
        var harness = try harness()
        _ = harness.engine.handle(.tick(now: 10_000))
        _ = try harness.receive(.ping(nonce: 7))  // The pong answer is a send at 10 s.
        #expect(harness.engine.handle(.tick(now: 24_999)).isEmpty)
        #expect(harness.engine.handle(.tick(now: 25_000)) == [.send(harness.peer, .ping(nonce: 1))])
    }

    @Test("a session that received nothing for 45 s is closed; receiving keeps it open")
    func idleTimeout() throws {
        var harness = try harness()
        _ = harness.engine.handle(.tick(now: 30_000))
        _ = try harness.receive(.pong(nonce: 1))
        #expect(Fixtures.disconnects(harness.engine.handle(.tick(now: 74_999))).isEmpty)
        #expect(
            harness.engine.handle(.tick(now: 75_000)) == [.disconnect(harness.peer, .idleTimeout)])
        #expect(harness.engine.peers.isEmpty)
    }

    @Test("time never goes backwards")
    func monotonic() throws {
        var harness = try harness()
        _ = harness.engine.handle(.tick(now: 15_000))
        #expect(harness.engine.handle(.tick(now: 1)).isEmpty)
    }
}
