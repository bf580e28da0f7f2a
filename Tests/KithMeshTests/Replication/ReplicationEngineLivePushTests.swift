import KithCore
import KithMesh
import KithSimulation
import Testing

@Suite("Replication engine: live push and relay")
struct ReplicationEngineLivePushTests {
    typealias Fixtures = ReplicationFixtures
    let community = Fixtures.communityKey(1)
    let alice = Fixtures.signingKey(10)
    let bob = Fixtures.signingKey(11)

    /// Opens a second session `peer` on `harness` with the peer's complete (empty) clock.
    func openSecond(_ harness: inout EngineHarness, peer: PeerHandle, clock: [ClockItem] = [])
        throws
    {
        let remote = Fixtures.signingKey(UInt8(50 + peer.rawValue)).publicKey
        _ = harness.engine.handle(.sessionOpened(harness.info(peer: peer, remote: remote)))
        _ = try harness.receive(.communities([]), from: peer)
        _ = try harness.receive(.clock(community: community.id, chains: clock), from: peer)
        _ = harness.engine.handle(.writable(peer, bufferSpace: 1 << 20))
    }

    @Test("a new chain is noted to a peer that did not ask for it, and pushed once it asks")
    func noteThenPush() throws {
        var harness = EngineHarness(communities: [community])
        try harness.establish()
        let first = try harness.log.post("hi", by: alice, in: community.id)
        #expect(
            harness.engine.handle(.entriesAppended([first], from: nil)) == [
                harness.sendsItem(alice.publicKey, 1)
            ])
        #expect(harness.engine.localHead(of: first.chain) == 1)
        // The peer asks: the entry is sent, and the next one goes live.
        let asked = try harness.ask([alice.publicKey])
        #expect(Fixtures.entries(asked, to: harness.peer) == [first])
        let second = try harness.log.post("there", by: alice, in: community.id)
        #expect(
            harness.engine.handle(.entriesAppended([second], from: nil)) == [
                .send(harness.peer, .entry(second.bytes))
            ])
        // It stops asking: a third entry is only noted, after the note delay (the peer holds
        // some of the chain), and a fourth that comes meanwhile rides on the same note.
        _ = try harness.receive(
            .clock(
                community: community.id,
                chains: [ClockItem(author: alice.publicKey, sequence: 2, push: false)]))
        let third = try harness.log.post("again", by: alice, in: community.id)
        #expect(harness.engine.handle(.entriesAppended([third], from: nil)).isEmpty)
        #expect(harness.engine.wantsFrequentTicks)
        let delay = harness.engine.noteDelay(for: third.chain)
        #expect(delay >= 500 && delay < 1_000)
        let fourth = try harness.log.post("and again", by: alice, in: community.id)
        #expect(harness.engine.handle(.entriesAppended([fourth], from: nil)).isEmpty)
        #expect(harness.engine.handle(.tick(now: delay - 1)).isEmpty)
        #expect(
            harness.engine.handle(.tick(now: delay)) == [harness.sendsItem(alice.publicKey, 4)])
    }

    @Test("a peer that never says it holds a chain is noted of it at once only the first time")
    func firstNoteOnlyAtOnce() throws {
        var harness = EngineHarness(communities: [community], configuration: .withoutDigests)
        try harness.establish()
        let first = try harness.log.post("one", by: alice, in: community.id)
        #expect(
            harness.engine.handle(.entriesAppended([first], from: nil)) == [
                harness.sendsItem(alice.publicKey, 1)
            ])
        // The peer stays silent (it got the chain by datagram, say): the next entry waits the
        // note delay like any other note instead of going at once again.
        let second = try harness.log.post("two", by: alice, in: community.id)
        #expect(harness.engine.handle(.entriesAppended([second], from: nil)).isEmpty)
        let delay = harness.engine.noteDelay(for: second.chain)
        #expect(harness.engine.handle(.tick(now: delay - 1)).isEmpty)
        #expect(
            harness.engine.handle(.tick(now: delay)) == [harness.sendsItem(alice.publicKey, 2)])
    }

    @Test("a delayed note is dropped when the peer meanwhile says it holds as much")
    func noteSuppressed() throws {
        let log = SimulatedLog()
        try log.post("one", by: alice, in: community.id)
        var harness = EngineHarness(
            communities: [community], log: log, configuration: .withoutDigests)
        try harness.establish(
            peerClock: [ClockItem(author: alice.publicKey, sequence: 1)], asking: false)
        let second = try log.post("two", by: alice, in: community.id)
        #expect(harness.engine.handle(.entriesAppended([second], from: nil)).isEmpty)
        _ = try harness.receive(
            .clock(
                community: community.id,
                chains: [ClockItem(author: alice.publicKey, sequence: 2)]))
        #expect(harness.engine.handle(.tick(now: 2_000)).isEmpty)
    }

    @Test("the notes of entries appended together go out as one clock message")
    func notesBatched() throws {
        var harness = EngineHarness(communities: [community])
        try harness.establish()
        var batch: [Entry] = []
        for index in 0..<5 {
            batch.append(try harness.log.post("\(index)", by: alice, in: community.id))
            batch.append(try harness.log.post("\(index)", by: bob, in: community.id))
        }
        let actions = harness.engine.handle(.entriesAppended(batch, from: nil))
        #expect(
            actions == [
                .send(
                    harness.peer,
                    .clock(
                        community: community.id,
                        chains: [
                            ClockItem(author: alice.publicKey, sequence: 5),
                            ClockItem(author: bob.publicKey, sequence: 5),
                        ]))
            ])
    }

    @Test("an entry from one peer is relayed to the others, never back")
    func relay() throws {
        var harness = EngineHarness(communities: [community])
        try harness.establish()
        let third = PeerHandle(2)
        try openSecond(
            &harness, peer: third,
            clock: [ClockItem(author: bob.publicKey, sequence: 0, push: true)])
        let entry = try Entry.sign(
            community: community.id, sequence: 1, previous: .zero, timestamp: 0, contentType: .post,
            content: [1],
            with: bob)
        let received = try harness.receive(.entry(entry.bytes))
        #expect(received == [.ingest(harness.peer, entry)])
        #expect(harness.log.ingest(entry) == .valid(entry.chain, .append))
        var actions = harness.engine.handle(.entriesAppended([entry], from: harness.peer))
        actions += harness.engine.handle(
            .entriesIngested(harness.peer, [.valid(entry.chain, .append)]))
        #expect(actions == [.send(third, .entry(entry.bytes))])
    }

    @Test("an entry a peer sent is not pushed to it even when another peer's copy is stored first")
    func receivedMeansHeld() throws {
        var harness = EngineHarness(communities: [community])
        try harness.establish()
        let third = PeerHandle(2)
        try openSecond(&harness, peer: third)
        let entry = try Entry.sign(
            community: community.id, sequence: 1, previous: .zero, timestamp: 0, contentType: .post,
            content: [1],
            with: bob)
        // Both peers send it; the first peer's copy is still being verified when the third's lands.
        _ = try harness.receive(.entry(entry.bytes))
        _ = try harness.receive(.entry(entry.bytes), from: third)
        _ = harness.log.ingest(entry)
        let actions = harness.engine.handle(.entriesAppended([entry], from: third))
        #expect(actions.isEmpty)
    }

    @Test("a peer behind on the chain gets the new entry in order with the rest")
    func behindPeerInOrder() throws {
        let log = SimulatedLog()
        for index in 0..<3 { try log.post("\(index)", by: alice, in: community.id) }
        var harness = EngineHarness(communities: [community], log: log)
        // The clock arrives first, the room later: the peer is behind by 3.
        try harness.establish(bufferSpace: 0)
        let entry = try harness.log.post("new", by: alice, in: community.id)
        #expect(harness.engine.handle(.entriesAppended([entry], from: nil)).isEmpty)
        #expect(harness.engine.statistics(of: harness.peer)?.queuedLiveEntries == 0)
        let actions = harness.engine.handle(.writable(harness.peer, bufferSpace: 1 << 20))
        #expect(Fixtures.entries(actions, to: harness.peer).map(\.sequence) == [1, 2, 3, 4])
    }

    @Test("live entries go ahead of catch-up")
    func liveFirst() throws {
        let log = SimulatedLog()
        for index in 0..<50 { try log.post("\(index)", by: alice, in: community.id) }
        var harness = EngineHarness(communities: [community], log: log)
        // Room for a few entries: catch-up of alice's chain starts. The peer asks for bob's too.
        let opened = try harness.establish(
            peerClock: [ClockItem(author: bob.publicKey, sequence: 0)], bufferSpace: 600)
        let early = Fixtures.entries(opened, to: harness.peer)
        #expect(!early.isEmpty && early.count < 50)
        #expect(harness.engine.handle(.writable(harness.peer, bufferSpace: 0)).isEmpty)
        let live = try harness.log.post("now", by: bob, in: community.id)
        _ = harness.engine.handle(.entriesAppended([live], from: nil))
        let actions = harness.engine.handle(.writable(harness.peer, bufferSpace: 1 << 20))
        let sent = Fixtures.entries(actions, to: harness.peer)
        #expect(sent.first == live)
        #expect(sent.dropFirst().map(\.sequence) == Array(UInt64(early.count + 1)...50))
    }

    @Test("a full live queue falls back to catch-up, and nothing is lost or repeated")
    func overflow() throws {
        var configuration = ReplicationConfiguration()
        configuration.liveQueueLimit = 2
        var harness = EngineHarness(communities: [community], configuration: configuration)
        try harness.establish(
            peerClock: [alice, bob].map { ClockItem(author: $0.publicKey, sequence: 0) },
            bufferSpace: 0)
        var posted: [Entry] = []
        for index in 0..<6 {
            let author = index % 2 == 0 ? alice : bob
            let entry = try harness.log.post("\(index)", by: author, in: community.id)
            posted.append(entry)
            #expect(harness.engine.handle(.entriesAppended([entry], from: nil)).isEmpty)
        }
        let statistics = try #require(harness.engine.statistics(of: harness.peer))
        #expect(statistics.queuedLiveEntries == 2)
        #expect(statistics.catchUpChains == 2)
        let sent = Fixtures.entries(
            harness.engine.handle(.writable(harness.peer, bufferSpace: 1 << 20)), to: harness.peer)
        #expect(Set(sent) == Set(posted))
        #expect(sent.count == posted.count)
        for author in [alice, bob] {
            #expect(sent.filter { $0.author == author.publicKey }.map(\.sequence) == [1, 2, 3])
        }
    }

    @Test("appended entries that do not advance the head (a fork, a stale report) are not sent")
    func notAdvancing() throws {
        var harness = EngineHarness(communities: [community])
        try harness.establish()
        let entry = try harness.log.post("one", by: alice, in: community.id)
        _ = harness.engine.handle(.entriesAppended([entry], from: nil))
        let fork = try Entry.sign(
            community: community.id, sequence: 1, previous: .zero, timestamp: 9, contentType: .post,
            content: [2],
            with: alice)
        #expect(harness.engine.handle(.entriesAppended([fork], from: nil)).isEmpty)
        #expect(harness.engine.handle(.entriesAppended([entry], from: nil)).isEmpty)
    }

    @Test("entries of a community the node does not hold are ignored")
    func foreignCommunity() throws {
        var harness = EngineHarness(communities: [community])
        try harness.establish()
        let foreign = try Entry.sign(
            community: Fixtures.communityKey(9).id, sequence: 1, previous: .zero, timestamp: 0,
            contentType: .post,
            content: [1], with: alice)
        #expect(harness.engine.handle(.entriesAppended([foreign], from: nil)).isEmpty)
    }
}
