import KithCore
import KithMesh
import KithSimulation
import Testing

/// replication.md, "Digests": what a digest holds, when it goes out, how it is answered.
@Suite("Replication engine: digests")
struct ReplicationEngineDigestTests {
    typealias Fixtures = ReplicationFixtures
    let community = Fixtures.communityKey(1)
    let alice = Fixtures.signingKey(10)
    let bob = Fixtures.signingKey(11)

    @Test("the example of replication.md: alice's chain at 7 alone")
    func specExample() throws {
        let alice = try PublicKey(
            hex: "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8")
        #expect(ClockDigest.value(author: alice, sequence: 7) == 0x4ab6_426b_3bad_3202)
        let digest = ClockDigest([ClockItem(author: alice, sequence: 7)])
        #expect(digest.buckets[0] == ClockDigest.Bucket(count: 1, hash: 0x4ab6_426b_3bad_3202))
        #expect(digest.buckets.dropFirst().allSatisfy { $0 == ClockDigest.Bucket() })
    }

    @Test("a digest depends on the chains held, not on the order they were learned")
    func orderIndependent() throws {
        let items = (0..<40).map {
            ClockItem(author: Fixtures.publicKey($0 * 7), sequence: UInt64($0 + 1))
        }
        #expect(ClockDigest(items) == ClockDigest(items.reversed()))
        var moved = items
        moved[3].sequence += 1
        #expect(ClockDigest(items) != ClockDigest(moved))
        #expect(
            ClockDigest(items).differingBuckets(from: ClockDigest(moved))
                == [ClockDigest.bucket(of: items[3].author)])
    }

    /// A harness holding `count` entries each of alice and bob, established with a peer that
    /// holds `peerClock`; digests on their defaults.
    func harness(count: Int = 2, peerClock: [ClockItem] = []) throws -> EngineHarness {
        let log = SimulatedLog()
        for index in 0..<count {
            try log.post("\(index)", by: alice, in: community.id)
            try log.post("\(index)", by: bob, in: community.id)
        }
        var harness = EngineHarness(communities: [community], log: log)
        try harness.establish(peerClock: peerClock, asking: false)
        return harness
    }

    func digests(_ actions: [ReplicationAction]) -> [ClockDigest] {
        actions.compactMap { action in
            if case .send(_, .digest(_, let digest)) = action { return digest }
            return nil
        }
    }

    @Test("a digest goes out 2 s after the session went quiet, then once a minute")
    func schedule() throws {
        var harness = try harness()
        #expect(digests(harness.engine.handle(.tick(now: 1_999))).isEmpty)
        let first = digests(harness.engine.handle(.tick(now: 2_000)))
        #expect(first == [ClockDigest(harness.log.clock(of: community.id))])
        _ = harness.engine.handle(.tick(now: 30_000))
        _ = try harness.receive(.pong(nonce: 1))  // Keeps the session from idling out.
        #expect(digests(harness.engine.handle(.tick(now: 61_999))).isEmpty)
        #expect(digests(harness.engine.handle(.tick(now: 62_000))).count == 1)
        // A change makes the next one go out 2 s after the session is quiet again.
        let entry = try harness.log.post("new", by: alice, in: community.id)
        _ = harness.engine.handle(.tick(now: 70_000))
        _ = harness.engine.handle(.entriesAppended([entry], from: nil))
        #expect(digests(harness.engine.handle(.tick(now: 71_999))).isEmpty)
        #expect(digests(harness.engine.handle(.tick(now: 72_000))).count == 1)
    }

    @Test("an equal digest is not answered; a bucket that differs is answered with its chains")
    func answer() throws {
        var harness = try harness()
        let mine = ClockDigest(harness.log.clock(of: community.id))
        #expect(try harness.receive(.digest(community: community.id, mine)).isEmpty)
        _ = harness.engine.handle(.tick(now: 5_000))
        let actions = try harness.receive(.digest(community: community.id, ClockDigest()))
        let items = Fixtures.messages(actions, to: harness.peer).flatMap { message in
            if case .clock(_, let chains) = message { return chains }
            return []
        }
        #expect(Set(items.map(\.author)) == [alice.publicKey, bob.publicKey])
        #expect(items.allSatisfy { $0.sequence == 2 && !$0.push })
    }

    @Test("at most one digest is answered every 5 s; one sooner is answered when the 5 s pass")
    func answersRateLimited() throws {
        var harness = try harness()
        let empty = ReplicationMessage.digest(community: community.id, ClockDigest())
        let mine = ReplicationMessage.digest(
            community: community.id, ClockDigest(harness.log.clock(of: community.id)))
        func answeredItems(_ actions: [ReplicationAction]) -> Int {
            Fixtures.messages(actions, to: harness.peer).reduce(0) { count, message in
                if case .clock(_, let chains) = message { return count + chains.count }
                return count
            }
        }
        #expect(answeredItems(try harness.receive(empty)) == 2)
        _ = harness.engine.handle(.tick(now: 3_000))
        // Two more within the 5 s: neither is answered now; the latest (equal) is kept.
        #expect(try harness.receive(empty).isEmpty)
        #expect(try harness.receive(mine).isEmpty)
        #expect(answeredItems(harness.engine.handle(.tick(now: 5_000))) == 0)
        // A differing one kept for later is answered on the first tick after the 5 s.
        #expect(try harness.receive(empty).isEmpty)
        #expect(answeredItems(harness.engine.handle(.tick(now: 9_999))) == 0)
        #expect(answeredItems(harness.engine.handle(.tick(now: 10_000))) == 2)
        #expect(answeredItems(harness.engine.handle(.tick(now: 20_000))) == 0, "answered once")
    }

    @Test("chains refused by either side are left out of the digest")
    func refusedLeftOut() throws {
        var harness = try harness(peerClock: [ClockItem(author: bob.publicKey, sequence: .max)])
        let aliceOnly = ClockDigest([ClockItem(author: alice.publicKey, sequence: 2)])
        #expect(digests(harness.engine.handle(.tick(now: 2_000))) == [aliceOnly])
        _ = harness.engine.handle(.refusedAuthorsChanged([alice.publicKey]))
        #expect(digests(harness.engine.handle(.tick(now: 10_000))) == [ClockDigest()])
    }

    @Test("a digest of a community that is not shared is a protocol error")
    func notShared() throws {
        var harness = try harness()
        let other = Fixtures.communityKey(9).id
        let actions = try harness.receive(.digest(community: other, ClockDigest()))
        #expect(Fixtures.disconnects(actions) == [.protocolError(.communityNotShared(other))])
    }

    @Test("a digest before communities is a protocol error")
    func beforeCommunities() throws {
        var harness = EngineHarness(communities: [community])
        _ = harness.engine.handle(.sessionOpened(harness.info()))
        let actions = try harness.receive(.digest(community: community.id, ClockDigest()))
        #expect(Fixtures.disconnects(actions) == [.protocolError(.beforeCommunities(.digest))])
    }

    @Test(
        "the node with the larger key sends no digest unasked; it answers a differing one with its own"
    )
    func follower() throws {
        let log = SimulatedLog()
        try log.post("one", by: alice, in: community.id)
        // The node with the larger of two keys follows.
        let keys = [Fixtures.signingKey(100), Fixtures.signingKey(101)].sorted {
            $0.publicKey.bytes.lexicographicallyPrecedes($1.publicKey.bytes)
        }
        var follower = EngineHarness(
            communities: [community], log: log, local: keys[1], remote: keys[0])
        try follower.establish(asking: false)
        #expect(digests(follower.engine.handle(.tick(now: 2_000))).isEmpty)
        #expect(digests(follower.engine.handle(.tick(now: 40_000))).isEmpty)
        let answer = try follower.receive(.digest(community: community.id, ClockDigest()))
        #expect(digests(answer) == [ClockDigest(log.clock(of: community.id))])
        // An equal digest is not answered at all.
        _ = follower.engine.handle(.tick(now: 46_000))
        #expect(
            try follower.receive(
                .digest(community: community.id, ClockDigest(log.clock(of: community.id)))
            ).isEmpty)
    }
}
