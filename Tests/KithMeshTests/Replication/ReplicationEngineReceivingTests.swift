import KithCore
import KithMesh
import KithSimulation
import Testing

@Suite("Replication engine: receiving entries and bounds")
struct ReplicationEngineReceivingTests {
    typealias Fixtures = ReplicationFixtures
    let community = Fixtures.communityKey(1)
    let alice = Fixtures.signingKey(10)

    func signed(_ sequence: UInt64, previous: EntryID = .zero, content: [UInt8] = [1]) throws
        -> Entry
    {
        try Entry.sign(
            community: community.id, sequence: sequence, previous: previous, timestamp: 0,
            contentType: .post,
            content: content, with: alice)
    }

    @Test("an entry of a shared community is handed over for ingest, decoded")
    func ingestAction() throws {
        var harness = EngineHarness(communities: [community])
        try harness.establish()
        let entry = try signed(1)
        #expect(try harness.receive(.entry(entry.bytes)) == [.ingest(harness.peer, entry)])
        #expect(harness.engine.statistics(of: harness.peer)?.peerClockChains == 1)
    }

    @Test("16 invalid entries close the session with goodbye reason 4; 15 do not")
    func invalidLimit() throws {
        var harness = EngineHarness(communities: [community])
        try harness.establish()
        var broken = try signed(1).bytes
        broken[0] = 2  // An unsupported version: invalid before any signature check.
        for _ in 0..<7 {
            #expect(try harness.receive(.entry(broken)).isEmpty)
        }
        // Signature failures are reported by the IO layer; they count the same.
        for _ in 0..<8 {
            #expect(
                harness.engine.handle(.entriesIngested(harness.peer, [.invalid(.badSignature)]))
                    .isEmpty)
        }
        #expect(harness.engine.statistics(of: harness.peer)?.invalidEntries == 15)
        let actions = harness.engine.handle(
            .entriesIngested(harness.peer, [.invalid(.badSignature)]))
        #expect(
            actions == [
                .send(harness.peer, .goodbye(.invalidEntries, text: "16 invalid entries")),
                .disconnect(harness.peer, .tooManyInvalidEntries(16)),
            ])
        #expect(harness.engine.peers.isEmpty)
    }

    @Test("after a gap the peer is told the node's head of the chain")
    func gapCorrection() throws {
        let log = SimulatedLog()
        let first = try log.post("one", by: alice, in: community.id)
        var harness = EngineHarness(communities: [community], log: log)
        try harness.establish(peerClock: [ClockItem(author: alice.publicKey, sequence: 1)])
        let third = try signed(3, previous: first.id)
        _ = try harness.receive(.entry(third.bytes))
        let actions = harness.engine.handle(
            .entriesIngested(harness.peer, [.valid(third.chain, .gap(expected: 2))]))
        #expect(
            actions == [harness.sendsItem(alice.publicKey, 1)])
    }

    @Test("a chain is corrected once per head, so the other branch of a fork is not resent forever")
    func correctionOncePerHead() throws {
        let log = SimulatedLog()
        let first = try log.post("one", by: alice, in: community.id)
        var harness = EngineHarness(communities: [community], log: log)
        try harness.establish(peerClock: [ClockItem(author: alice.publicKey, sequence: 1)])
        let gap = IngestOutcome.valid(first.chain, .gap(expected: 2))
        #expect(harness.engine.handle(.entriesIngested(harness.peer, [gap])).count == 1)
        #expect(harness.engine.handle(.entriesIngested(harness.peer, [gap])).isEmpty)
        // Once the head moves, a new gap is answered again.
        let second = try log.post("two", by: alice, in: community.id)
        _ = harness.engine.handle(.entriesAppended([second], from: nil))
        let actions = harness.engine.handle(
            .entriesIngested(harness.peer, [.valid(first.chain, .gap(expected: 3))]))
        #expect(
            actions == [harness.sendsItem(alice.publicKey, 2)])
        // A gap in a chain the node holds none of is not answered.
        let stranger = ChainKey(author: Fixtures.publicKey(3), community: community.id)
        #expect(
            harness.engine.handle(
                .entriesIngested(harness.peer, [.valid(stranger, .gap(expected: 1))])
            ).isEmpty)
    }

    @Test("duplicates and forks need no answer")
    func quietOutcomes() throws {
        var harness = EngineHarness(communities: [community])
        try harness.establish()
        let entry = try signed(1)
        let outcomes: [IngestOutcome] = [
            .valid(entry.chain, .duplicate), .valid(entry.chain, .fork(.sameSequence)),
            .valid(entry.chain, .forkIgnored),
        ]
        #expect(harness.engine.handle(.entriesIngested(harness.peer, outcomes)).isEmpty)
        #expect(harness.engine.statistics(of: harness.peer)?.invalidEntries == 0)
    }

    @Test("a peer clock holds at most the node's chains plus the unknown-author limit")
    func boundedPeerClock() throws {
        var configuration = ReplicationConfiguration()
        configuration.unknownAuthorLimit = 1_000
        let log = SimulatedLog()
        try log.post("mine", by: alice, in: community.id)
        var harness = EngineHarness(
            communities: [community], log: log, configuration: configuration)
        // No room: alice's entry is not sent, so the peer clock starts empty.
        try harness.establish(peerClock: [], bufferSpace: 0, asking: false)
        for batch in 0..<3 {
            let chains = (0..<1_024).map {
                ClockItem(author: Fixtures.publicKey(batch * 1_024 + $0), sequence: 5)
            }
            _ = try harness.receive(.clock(community: community.id, chains: chains))
        }
        #expect(harness.engine.statistics(of: harness.peer)?.peerClockChains == 1_000)
        // A known author is still recorded when the cap is reached.
        _ = try harness.receive(
            .clock(
                community: community.id, chains: [ClockItem(author: alice.publicKey, sequence: 1)]))
        #expect(harness.engine.statistics(of: harness.peer)?.peerClockChains == 1_001)
        // Entries from yet more unknown authors are still ingested, but not remembered.
        let stranger = Fixtures.signingKey(77)
        let entry = try Entry.sign(
            community: community.id, sequence: 1, previous: .zero, timestamp: 0, contentType: .post,
            content: [],
            with: stranger)
        #expect(try harness.receive(.entry(entry.bytes)) == [.ingest(harness.peer, entry)])
        #expect(harness.engine.statistics(of: harness.peer)?.peerClockChains == 1_001)
    }
}
