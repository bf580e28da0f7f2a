import KithCore
import KithMesh
import KithSimulation
import Testing

@Suite("Replication engine: refusing an author")
struct ReplicationEngineRefusalTests {
    typealias Fixtures = ReplicationFixtures
    typealias Engine = ReplicationEngine<SimulatedLog>
    let community = Fixtures.communityKey(1)
    let alice = Fixtures.signingKey(10)
    let bob = Fixtures.signingKey(11)
    let carol = Fixtures.signingKey(12)

    /// A harness whose log holds `aliceEntries` of alice and `carolEntries` of carol, refusing
    /// `refused` from the start.
    func harness(aliceEntries: Int, carolEntries: Int, refused: Set<PublicKey>) throws
        -> EngineHarness
    {
        let log = SimulatedLog()
        for index in 0..<aliceEntries { try log.post("a\(index)", by: alice, in: community.id) }
        for index in 0..<carolEntries { try log.post("c\(index)", by: carol, in: community.id) }
        var harness = EngineHarness(communities: [community], log: log)
        harness.engine = ReplicationEngine(
            localKey: harness.local.publicKey, communities: [community], source: log,
            refusedAuthors: refused)
        return harness
    }

    /// The clock items `actions` send to `peer`, message by message.
    func clocks(_ actions: [ReplicationAction], to peer: PeerHandle) -> [[ClockItem]] {
        Fixtures.messages(actions, to: peer).compactMap { message in
            if case .clock(_, let chains) = message { return chains }
            return nil
        }
    }

    func signed(_ sequence: UInt64, by author: SigningKey, previous: EntryID = .zero) throws
        -> Entry
    {
        try Entry.sign(
            community: community.id, sequence: sequence, previous: previous, timestamp: 0,
            contentType: .post, content: [UInt8(sequence)], with: author)
    }

    @Test("the clock lists refused authors at 2^64-1, held or not")
    func clockAdvertisesRefusal() throws {
        var harness = try harness(
            aliceEntries: 2, carolEntries: 1, refused: [alice.publicKey, bob.publicKey])
        let actions = try harness.establish()
        let max = Engine.refusedSequence
        #expect(max == UInt64.max)
        #expect(
            clocks(actions, to: harness.peer) == [
                [
                    ClockItem(author: alice.publicKey, sequence: max),
                    ClockItem(author: carol.publicKey, sequence: 1),
                    ClockItem(author: bob.publicKey, sequence: max),
                ]
            ])
        #expect(harness.engine.refusedAuthors == [alice.publicKey, bob.publicKey])
        // The engine still knows its real head.
        #expect(
            harness.engine.localHead(of: ChainKey(author: alice.publicKey, community: community.id))
                == 2)
    }

    @Test("the node's own key is never refused")
    func ownKeyNotRefused() throws {
        var harness = try harness(aliceEntries: 0, carolEntries: 0, refused: [])
        let actions = harness.engine.handle(
            .refusedAuthorsChanged([harness.local.publicKey, bob.publicKey]))
        #expect(actions.isEmpty)
        #expect(harness.engine.refusedAuthors == [bob.publicKey])
    }

    @Test("a refused chain is sent neither in catch-up nor live; others are")
    func neverSent() throws {
        var harness = try harness(aliceEntries: 3, carolEntries: 2, refused: [alice.publicKey])
        let actions = try harness.establish()
        #expect(
            Fixtures.entries(actions, to: harness.peer).map(\.author) == [
                carol.publicKey, carol.publicKey,
            ])
        let aliceLive = try harness.log.post("live", by: alice, in: community.id)
        #expect(harness.engine.handle(.entriesAppended([aliceLive], from: nil)).isEmpty)
        let carolLive = try harness.log.post("live", by: carol, in: community.id)
        #expect(
            harness.engine.handle(.entriesAppended([carolLive], from: nil))
                == [.send(harness.peer, .entry(carolLive.bytes))])
        // A later clock saying the peer lacks the chain changes nothing either.
        let clock = ReplicationMessage.clock(
            community: community.id, chains: [ClockItem(author: alice.publicKey, sequence: 0)])
        #expect(try harness.receive(clock).isEmpty)
        #expect(harness.engine.statistics(of: harness.peer)?.queuedLiveEntries == 0)
    }

    @Test("entries of a refused author are dropped unverified, not counted invalid, not ingested")
    func receivedDropped() throws {
        var harness = try harness(aliceEntries: 0, carolEntries: 0, refused: [alice.publicKey])
        try harness.establish()
        let first = try signed(1, by: alice)
        var forged = try signed(2, by: alice, previous: first.id).bytes
        forged[forged.count - 1] ^= 1  // A bad signature: still not counted, never checked.
        for _ in 0..<ReplicationLimits.invalidEntryLimit {
            #expect(try harness.receive(.entry(first.bytes)).isEmpty)
            #expect(try harness.receive(.entry(forged)).isEmpty)
        }
        #expect(harness.engine.statistics(of: harness.peer)?.invalidEntries == 0)
        #expect(harness.engine.peers == [harness.peer])
        // Another author's entry still goes to ingest.
        let other = try signed(1, by: bob)
        #expect(try harness.receive(.entry(other.bytes)) == [.ingest(harness.peer, other)])
    }

    @Test("a gap reported for a refused chain is not answered with a clock")
    func noCorrectionForRefused() throws {
        var harness = try harness(aliceEntries: 1, carolEntries: 0, refused: [alice.publicKey])
        try harness.establish()
        let chain = ChainKey(author: alice.publicKey, community: community.id)
        let actions = harness.engine.handle(
            .entriesIngested(harness.peer, [.valid(chain, .gap(expected: 2))]))
        #expect(actions.isEmpty)
    }

    @Test("blocking during a session sends 2^64-1 and stops live push; unblocking resumes")
    func blockThenUnblock() throws {
        var harness = try harness(aliceEntries: 2, carolEntries: 0, refused: [])
        try harness.establish(
            peerClock: [ClockItem(author: alice.publicKey, sequence: 2)])
        let blocked = harness.engine.handle(
            .refusedAuthorsChanged([alice.publicKey, bob.publicKey]))
        #expect(
            Fixtures.messages(blocked, to: harness.peer) == [
                .clock(
                    community: community.id,
                    chains: [
                        ClockItem(author: alice.publicKey, sequence: .max),
                        ClockItem(author: bob.publicKey, sequence: .max),
                    ].sorted { $0.author.hex < $1.author.hex })
            ])
        var missed: [Entry] = []
        for index in 0..<3 {
            let entry = try harness.log.post("new \(index)", by: alice, in: community.id)
            missed.append(entry)
            #expect(harness.engine.handle(.entriesAppended([entry], from: nil)).isEmpty)
        }
        // Changing nothing sends nothing.
        #expect(
            harness.engine.handle(.refusedAuthorsChanged([alice.publicKey, bob.publicKey])).isEmpty)
        let released = harness.engine.handle(.refusedAuthorsChanged([bob.publicKey]))
        // The real head, then the entries the peer missed (it had asked for alice's chain).
        #expect(
            Fixtures.messages(released, to: harness.peer).first
                == .clock(
                    community: community.id,
                    chains: [ClockItem(author: alice.publicKey, sequence: 5)]))
        #expect(Fixtures.entries(released, to: harness.peer) == missed)
        // An author unblocked while the node holds none of its chain is announced at 0.
        let none = harness.engine.handle(.refusedAuthorsChanged([]))
        #expect(
            Fixtures.messages(none, to: harness.peer)
                == [
                    .clock(
                        community: community.id,
                        chains: [ClockItem(author: bob.publicKey, sequence: 0)])
                ])
    }

    @Test("unblocking asks the peer to resend: its clock value is replaced by the real head")
    func unblockResumesReceiving() throws {
        var harness = try harness(aliceEntries: 0, carolEntries: 0, refused: [alice.publicKey])
        try harness.establish()
        let first = try signed(1, by: alice)
        #expect(try harness.receive(.entry(first.bytes)).isEmpty)
        let actions = harness.engine.handle(.refusedAuthorsChanged([]))
        #expect(
            actions == [harness.sendsItem(alice.publicKey, 0, push: true)])
        #expect(try harness.receive(.entry(first.bytes)) == [.ingest(harness.peer, first)])
    }

    @Test("a peer told 2^64-1 never sends the chain, in catch-up or live, until told otherwise")
    func peerHonoursRefusal() throws {
        // This engine does not refuse anything: it is the refusing node's peer.
        var harness = try harness(aliceEntries: 3, carolEntries: 1, refused: [])
        let actions = try harness.establish(peerClock: [
            ClockItem(author: alice.publicKey, sequence: .max),
            ClockItem(author: bob.publicKey, sequence: .max),
        ])
        #expect(Fixtures.entries(actions, to: harness.peer).map(\.author) == [carol.publicKey])
        let live = try harness.log.post("live", by: alice, in: community.id)
        #expect(harness.engine.handle(.entriesAppended([live], from: nil)).isEmpty)
        // bob's first entry arrives from elsewhere: not pushed either.
        let bobFirst = try signed(1, by: bob)
        #expect(harness.log.ingest(bobFirst) == .valid(bobFirst.chain, .append))
        #expect(harness.engine.handle(.entriesAppended([bobFirst], from: PeerHandle(9))).isEmpty)
        let resumed = try harness.receive(
            .clock(
                community: community.id,
                chains: [ClockItem(author: alice.publicKey, sequence: 1, push: true)]))
        #expect(Fixtures.entries(resumed, to: harness.peer).map(\.sequence) == [2, 3, 4])
    }
}
