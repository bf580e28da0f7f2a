import KithCore
import KithMesh
import KithSimulation
import Testing

/// The rules of replication.md, "Choosing who pushes", one at a time, with two sessions.
@Suite("Replication engine: choosing who pushes")
struct ReplicationEnginePushTests {
    typealias Fixtures = ReplicationFixtures
    let community = Fixtures.communityKey(1)
    let bob = Fixtures.signingKey(11)
    let second = PeerHandle(2)

    /// A harness with a first session (asking for nothing) and a second one with `clock`.
    func twoSessions(secondClock: [ClockItem] = []) throws -> EngineHarness {
        var harness = EngineHarness(communities: [community], configuration: .withoutDigests)
        try harness.establish(asking: false)
        let remote = Fixtures.signingKey(60).publicKey
        _ = harness.engine.handle(.sessionOpened(harness.info(peer: second, remote: remote)))
        _ = try harness.receive(.communities([]), from: second)
        _ = try harness.receive(.clock(community: community.id, chains: secondClock), from: second)
        _ = harness.engine.handle(.writable(second, bufferSpace: 1 << 20))
        return harness
    }

    func item(_ sequence: UInt64, push: Bool = false) -> ClockItem {
        ClockItem(author: bob.publicKey, sequence: sequence, push: push)
    }

    func clock(_ items: ClockItem...) -> ReplicationMessage {
        .clock(community: community.id, chains: items)
    }

    var chain: ChainKey { ChainKey(author: bob.publicKey, community: community.id) }

    @Test("rule 1: a peer that announces more of a chain nobody pushes is asked at once")
    func askAtOnce() throws {
        var harness = try twoSessions()
        let actions = try harness.receive(clock(item(3)))
        #expect(actions == [.send(harness.peer, clock(item(0, push: true)))])
        #expect(harness.engine.pushers(of: chain) == [harness.peer])
        // The second peer announces more too: it is not asked while the first may deliver.
        #expect(try harness.receive(clock(item(5)), from: second).isEmpty)
        #expect(harness.engine.pushers(of: chain) == [harness.peer])
    }

    @Test("rule 2: a stalled chain is asked of the most advanced peer, with a doubling wait")
    func askWhenStalled() throws {
        var harness = try twoSessions()
        _ = try harness.receive(clock(item(3)))
        _ = try harness.receive(clock(item(5)), from: second)
        #expect(harness.engine.wantsFrequentTicks)
        #expect(harness.engine.handle(.tick(now: 999)).isEmpty)
        #expect(
            harness.engine.handle(.tick(now: 1_000)) == [.send(second, clock(item(0, push: true)))])
        #expect(harness.engine.pushers(of: chain) == [harness.peer, second])
        // Still nothing: the second is asked again after 2 s, then 4 s.
        #expect(harness.engine.handle(.tick(now: 2_999)).isEmpty)
        #expect(
            harness.engine.handle(.tick(now: 3_000)) == [.send(second, clock(item(0, push: true)))])
        #expect(harness.engine.handle(.tick(now: 6_999)).isEmpty)
        #expect(
            harness.engine.handle(.tick(now: 7_000)) == [.send(second, clock(item(0, push: true)))])
    }

    @Test("rule 2: a chain that moves, or whose pusher delivers, is not asked elsewhere")
    func noAskWhileProgressing() throws {
        var harness = try twoSessions()
        _ = try harness.receive(clock(item(3)))
        _ = try harness.receive(clock(item(5)), from: second)
        let first = try Entry.sign(
            community: community.id, sequence: 1, previous: .zero, timestamp: 0,
            contentType: .post, content: [1], with: bob)
        _ = harness.log.ingest(first)
        _ = harness.engine.handle(.tick(now: 600))
        _ = harness.engine.handle(.entriesAppended([first], from: harness.peer))
        #expect(harness.engine.handle(.tick(now: 1_000)).isEmpty)
        #expect(harness.engine.handle(.tick(now: 1_599)).isEmpty)
        // Once the node holds as much as anyone, the chain is no longer watched.
        _ = try harness.receive(clock(item(1)))
        _ = try harness.receive(clock(item(1)), from: second)
        _ = harness.engine.handle(.tick(now: 1_700))
        #expect(!harness.engine.wantsFrequentTicks)
    }

    @Test("rule 3: a duplicate from one of two pushers stops that pusher")
    func duplicateStopsPusher() throws {
        var harness = try twoSessions()
        _ = try harness.receive(clock(item(3)))
        _ = try harness.receive(clock(item(5)), from: second)
        _ = harness.engine.handle(.tick(now: 1_000))
        #expect(harness.engine.pushers(of: chain) == [harness.peer, second])
        let actions = harness.engine.handle(
            .entriesIngested(second, [.valid(chain, .duplicate)]))
        #expect(actions == [.send(second, clock(item(0)))])
        #expect(harness.engine.pushers(of: chain) == [harness.peer])
        // A duplicate from the only pusher changes nothing.
        #expect(
            harness.engine.handle(.entriesIngested(harness.peer, [.valid(chain, .duplicate)]))
                .isEmpty)
    }

    @Test("rule 4: when a pusher's session closes, another peer that holds more is asked at once")
    func repairOnClose() throws {
        var harness = try twoSessions()
        _ = try harness.receive(clock(item(3)))
        _ = try harness.receive(clock(item(5)), from: second)
        let actions = harness.engine.handle(.sessionClosed(harness.peer))
        #expect(actions == [.send(second, clock(item(0, push: true)))])
        #expect(harness.engine.pushers(of: chain) == [second])
    }

    @Test("refused authors are never asked for")
    func refusedNotAsked() throws {
        var harness = try twoSessions()
        _ = harness.engine.handle(.refusedAuthorsChanged([bob.publicKey]))
        #expect(try harness.receive(clock(item(3))).isEmpty)
        #expect(harness.engine.pushers(of: chain).isEmpty)
        #expect(!harness.engine.wantsFrequentTicks)
    }

    @Test("a peer's 2^64-1 is not holding more")
    func peerRefusalIsNotAhead() throws {
        var harness = try twoSessions()
        #expect(try harness.receive(clock(item(.max))).isEmpty)
        #expect(harness.engine.pushers(of: chain).isEmpty)
    }

    @Test("unknown chains are asked for a bounded number at a time")
    func unknownAsksBounded() throws {
        var configuration = ReplicationConfiguration()
        configuration.unknownAuthorLimit = 10
        var harness = EngineHarness(communities: [community], configuration: configuration)
        try harness.establish(asking: false)
        let items = (0..<50).map { ClockItem(author: Fixtures.publicKey($0), sequence: 2) }
        let actions = try harness.receive(.clock(community: community.id, chains: items))
        let asked = Fixtures.messages(actions, to: harness.peer).flatMap { message in
            if case .clock(_, let chains) = message { return chains.filter(\.push) }
            return []
        }
        #expect(asked.count == 10)
    }

    @Test("a gap is answered at once, then only after a doubling wait while the head stays")
    func gapBackoff() throws {
        let log = SimulatedLog()
        try log.post("one", by: bob, in: community.id)
        var harness = EngineHarness(
            communities: [community], log: log, configuration: .withoutDigests)
        try harness.establish(asking: false)
        let gap = IngestOutcome.valid(chain, .gap(expected: 2))
        let answer: [ReplicationAction] = [.send(harness.peer, clock(item(1)))]
        #expect(harness.engine.handle(.entriesIngested(harness.peer, [gap])) == answer)
        #expect(harness.engine.handle(.entriesIngested(harness.peer, [gap])).isEmpty)
        _ = harness.engine.handle(.tick(now: 999))
        #expect(harness.engine.handle(.entriesIngested(harness.peer, [gap])).isEmpty)
        _ = harness.engine.handle(.tick(now: 1_000))
        #expect(harness.engine.handle(.entriesIngested(harness.peer, [gap])) == answer)
        _ = harness.engine.handle(.tick(now: 2_999))
        #expect(harness.engine.handle(.entriesIngested(harness.peer, [gap])).isEmpty)
        _ = harness.engine.handle(.tick(now: 3_000))
        #expect(harness.engine.handle(.entriesIngested(harness.peer, [gap])) == answer)
        // Once the head moves, the next gap is answered at once again.
        let second = try log.post("two", by: bob, in: community.id)
        _ = harness.engine.handle(.entriesAppended([second], from: nil))
        #expect(
            harness.engine.handle(.entriesIngested(harness.peer, [gap])) == [
                .send(harness.peer, clock(item(2)))
            ])
    }

    @Test("a node that cannot store stops every pusher and asks again when it can")
    func storagePause() throws {
        var harness = try twoSessions()
        _ = try harness.receive(clock(item(3)))
        #expect(harness.engine.pushers(of: chain) == [harness.peer])
        let paused = harness.engine.handle(.storagePaused(true))
        #expect(paused == [.send(harness.peer, clock(item(0)))])
        #expect(harness.engine.pushers(of: chain).isEmpty)
        #expect(!harness.engine.wantsFrequentTicks)
        // News of more is not asked for while paused.
        #expect(try harness.receive(clock(item(5)), from: second).isEmpty)
        #expect(harness.engine.handle(.tick(now: 5_000)).isEmpty)
        // Resumed: the most advanced is asked at once (nobody pushes).
        let resumed = harness.engine.handle(.storagePaused(false))
        #expect(resumed == [.send(second, clock(item(0, push: true)))])
        #expect(harness.engine.pushers(of: chain) == [second])
        #expect(harness.engine.handle(.storagePaused(false)).isEmpty)
    }
}
