import KithCore
import KithMesh
import KithSimulation
import Testing

/// Entries that came by a datagram of the fast path (fastpath.md, "Receiving"): the peers on the
/// link heard the same datagram, so they are not pushed them, only noted; a peer that lost it asks.
@Suite("Replication engine: entries from datagrams")
struct ReplicationEngineDatagramTests {
    typealias Fixtures = ReplicationFixtures
    let community = Fixtures.communityKey(1)
    let alice = Fixtures.signingKey(10)
    let other = PeerHandle(2)

    /// A harness whose peer and a second peer `other` both asked for alice's chain and hold its
    /// first entry.
    func twoPushedPeers() throws -> EngineHarness {
        var harness = EngineHarness(communities: [community], configuration: .withoutDigests)
        try harness.establish()
        let remote = Fixtures.signingKey(60).publicKey
        _ = harness.engine.handle(.sessionOpened(harness.info(peer: other, remote: remote)))
        _ = try harness.receive(.communities([]), from: other)
        _ = try harness.receive(.clock(community: community.id, chains: []), from: other)
        _ = harness.engine.handle(.writable(other, bufferSpace: 1 << 20))
        let first = try harness.log.post("one", by: alice, in: community.id)
        _ = harness.engine.handle(.entriesAppended([first], from: nil))
        _ = try harness.ask([alice.publicKey], holding: [alice.publicKey: 1])
        _ = try harness.receive(
            .clock(
                community: community.id,
                chains: [ClockItem(author: alice.publicKey, sequence: 1, push: true)]),
            from: other)
        return harness
    }

    @Test(
        "entries a datagram brought go live to peers on other links, and only as a note to one that heard it"
    )
    func notPushedToTheLink() throws {
        var harness = try twoPushedPeers()
        let pushedBefore = harness.engine.entriesPushed
        let second = try harness.log.post("two", by: alice, in: community.id)
        let third = try harness.log.post("three", by: alice, in: community.id)
        var actions = harness.engine.handle(
            .entriesAppendedFromDatagrams([second], heardBy: [harness.peer]))
        actions += harness.engine.handle(
            .entriesAppendedFromDatagrams([third], heardBy: [harness.peer]))
        #expect(Fixtures.entries(actions, to: harness.peer).isEmpty)
        #expect(Fixtures.entries(actions, to: other).map(\.sequence) == [2, 3])
        #expect(harness.engine.entriesPushed - pushedBefore == 2, "live pushes, counted")
        // One note after the delay tells the peer the head, in case it lost a datagram.
        let delay = harness.engine.noteDelay(for: second.chain)
        #expect(harness.engine.handle(.tick(now: delay - 1)).isEmpty)
        #expect(
            harness.engine.handle(.tick(now: delay)) == [harness.sendsItem(alice.publicKey, 3)])
    }

    @Test("a peer that lost the datagram and asks is sent what it was taken to hold")
    func lostDatagramRepaired() throws {
        var harness = try twoPushedPeers()
        let second = try harness.log.post("two", by: alice, in: community.id)
        _ = harness.engine.handle(.entriesAppendedFromDatagrams([second], heardBy: [harness.peer]))
        // The peer, told of the head, asks again from what it holds.
        let pushedBefore = harness.engine.entriesPushed
        let asked = try harness.ask([alice.publicKey], holding: [alice.publicKey: 1])
        #expect(Fixtures.entries(asked, to: harness.peer) == [second])
        #expect(harness.engine.entriesPushed == pushedBefore, "an answer is not a push")
        // After that the chain flows live again as usual.
        let third = try harness.log.post("three", by: alice, in: community.id)
        let live = harness.engine.handle(.entriesAppended([third], from: nil))
        #expect(Fixtures.entries(live, to: harness.peer) == [third])
        #expect(harness.engine.entriesPushed - pushedBefore == 2, "to the peer and to the other")
    }
}
