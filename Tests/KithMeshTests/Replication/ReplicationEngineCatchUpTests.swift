import KithCore
import KithMesh
import KithSimulation
import Testing

@Suite("Replication engine: catch-up and flow control")
struct ReplicationEngineCatchUpTests {
    typealias Fixtures = ReplicationFixtures
    let community = Fixtures.communityKey(1)
    let alice = Fixtures.signingKey(10)
    let bob = Fixtures.signingKey(11)

    /// A log holding `count` entries of each author.
    func log(_ count: Int, of authors: [SigningKey]) throws -> SimulatedLog {
        let log = SimulatedLog()
        for index in 0..<count {
            for author in authors { try log.post("\(index)", by: author, in: community.id) }
        }
        return log
    }

    @Test("a peer behind on a chain is sent the entries it lacks, in order")
    func catchUpInOrder() throws {
        let log = try log(5, of: [alice])
        var harness = EngineHarness(communities: [community], log: log)
        let actions = try harness.establish(peerClock: [
            ClockItem(author: alice.publicKey, sequence: 2)
        ])
        #expect(Fixtures.entries(actions, to: harness.peer).map(\.sequence) == [3, 4, 5])
        #expect(harness.engine.statistics(of: harness.peer)?.catchUpChains == 0)
    }

    @Test("a peer behind on a chain it did not ask for is sent nothing")
    func notAsked() throws {
        let log = try log(5, of: [alice])
        var harness = EngineHarness(communities: [community], log: log)
        let actions = try harness.establish(
            peerClock: [ClockItem(author: alice.publicKey, sequence: 2)], asking: false)
        #expect(Fixtures.entries(actions, to: harness.peer).isEmpty)
        #expect(harness.engine.statistics(of: harness.peer)?.catchUpChains == 0)
    }

    @Test("a peer level with or ahead of the node is sent nothing")
    func peerCurrent() throws {
        let log = try log(3, of: [alice, bob])
        var harness = EngineHarness(communities: [community], log: log)
        let actions = try harness.establish(peerClock: [
            ClockItem(author: alice.publicKey, sequence: 3),
            ClockItem(author: bob.publicKey, sequence: 9),
        ])
        #expect(Fixtures.entries(actions, to: harness.peer).isEmpty)
    }

    @Test("no entry is sent before the peer's clock is complete")
    func waitsForCompleteClock() throws {
        let log = try log(2, of: [alice])
        var harness = EngineHarness(communities: [community], log: log)
        _ = harness.engine.handle(.sessionOpened(harness.info()))
        _ = try harness.receive(.communities([]))
        _ = harness.engine.handle(.writable(harness.peer, bufferSpace: 1 << 20))
        // A full clock message (1,024 chains) says more follow.
        let first = (0..<1_024).map { ClockItem(author: Fixtures.publicKey($0), sequence: 1) }
        #expect(
            Fixtures.entries(
                try harness.receive(.clock(community: community.id, chains: first)),
                to: harness.peer
            ).isEmpty)
        let posted = try log.post("new", by: alice, in: community.id)
        #expect(
            Fixtures.entries(
                harness.engine.handle(.entriesAppended([posted], from: nil)), to: harness.peer
            ).isEmpty)
        // The shorter last message completes it, asking for alice's chain: catch-up starts.
        let actions = try harness.receive(
            .clock(
                community: community.id,
                chains: [ClockItem(author: alice.publicKey, sequence: 0, push: true)]))
        #expect(Fixtures.entries(actions, to: harness.peer).map(\.sequence) == [1, 2, 3])
    }

    @Test("nothing is sent without room, and sending stops when room runs out")
    func bufferSpace() throws {
        let log = try log(4, of: [alice])
        var harness = EngineHarness(communities: [community], log: log)
        let opened = try harness.establish(bufferSpace: 0)
        #expect(Fixtures.entries(opened, to: harness.peer).isEmpty)
        // One byte of room sends one entry (the engine may go over, never starts without room).
        let first = harness.engine.handle(.writable(harness.peer, bufferSpace: 1))
        #expect(Fixtures.entries(first, to: harness.peer).map(\.sequence) == [1])
        #expect((harness.engine.statistics(of: harness.peer)?.bufferSpace ?? 1) <= 0)
        let rest = harness.engine.handle(.writable(harness.peer, bufferSpace: 1 << 20))
        #expect(Fixtures.entries(rest, to: harness.peer).map(\.sequence) == [2, 3, 4])
    }

    @Test("chains take turns in catch-up, each in sequence order")
    func roundRobin() throws {
        let log = try log(3, of: [alice, bob])
        var configuration = ReplicationConfiguration()
        configuration.catchUpBatch = 1
        var harness = EngineHarness(
            communities: [community], log: log, configuration: configuration)
        let sent = Fixtures.entries(try harness.establish(), to: harness.peer)
        #expect(sent.map(\.author) == [alice, bob, alice, bob, alice, bob].map(\.publicKey))
        #expect(sent.map(\.sequence) == [1, 1, 2, 2, 3, 3])
    }

    @Test("a later clock replaces the peer clock and restarts catch-up from there")
    func clockUpdate() throws {
        let log = try log(4, of: [alice])
        var harness = EngineHarness(communities: [community], log: log)
        #expect(Fixtures.entries(try harness.establish(), to: harness.peer).count == 4)
        // The peer says it holds only 2 (it lost the rest): 3 and 4 are sent again.
        let actions = try harness.receive(
            .clock(
                community: community.id,
                chains: [ClockItem(author: alice.publicKey, sequence: 2, push: true)]))
        #expect(Fixtures.entries(actions, to: harness.peer).map(\.sequence) == [3, 4])
    }

    @Test("a source that holds less than the node's clock stops catch-up for the chain")
    func sourceShort() throws {
        let source = FixedClockSource(clocks: [
            community.id: [ClockItem(author: alice.publicKey, sequence: 5)]
        ])
        var engine = ReplicationEngine(
            localKey: Fixtures.signingKey(1).publicKey, communities: [community], source: source)
        let peer = PeerHandle(1)
        let info = ReplicationSessionInfo(
            peer: peer, sessionID: Fixtures.sessionID(1), remoteKey: bob.publicKey,
            community: community.id)
        _ = engine.handle(.sessionOpened(info))
        _ = engine.handle(.frameReceived(peer, try ReplicationMessage.communities([]).encoded()))
        _ = engine.handle(
            .frameReceived(
                peer,
                try ReplicationMessage.clock(
                    community: community.id,
                    chains: [ClockItem(author: alice.publicKey, sequence: 0, push: true)]
                ).encoded()))
        #expect(engine.statistics(of: peer)?.catchUpChains == 1)
        let actions = engine.handle(.writable(peer, bufferSpace: 1 << 20))
        #expect(Fixtures.entries(actions, to: peer).isEmpty)
        #expect(engine.statistics(of: peer)?.catchUpChains == 0)
    }
}
