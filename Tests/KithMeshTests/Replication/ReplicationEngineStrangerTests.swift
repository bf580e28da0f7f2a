import KithCore
import KithMesh
import KithSimulation
import Testing

@Suite("Replication engine: budgets for strangers")
struct ReplicationEngineStrangerTests {
    typealias Fixtures = ReplicationFixtures
    let lobby = Fixtures.communityKey(1)
    let closed = Fixtures.communityKey(2)
    let alice = Fixtures.signingKey(10)
    let bob = Fixtures.signingKey(11)

    /// `lobby` is open; budgets small enough to count by hand.
    func configuration(
        sessionBurst: UInt64 = 10, sessionPerSecond: UInt64 = 5, nodeBurst: UInt64 = 1_000,
        newAuthorBurst: UInt64 = 100
    ) -> ReplicationConfiguration {
        var configuration = ReplicationConfiguration()
        configuration.strangers.openCommunities = [lobby.id]
        configuration.strangers.sessionBurst = sessionBurst
        configuration.strangers.sessionPerSecond = sessionPerSecond
        configuration.strangers.nodeBurst = nodeBurst
        configuration.strangers.nodePerSecond = nodeBurst
        configuration.strangers.newAuthorBurst = newAuthorBurst
        configuration.strangers.newAuthorsPerMinute = 30
        return configuration
    }

    func harness(
        _ configuration: ReplicationConfiguration, communities: [CommunityKey]? = nil,
        log: SimulatedLog = SimulatedLog()
    ) throws -> EngineHarness {
        var harness = EngineHarness(
            communities: communities ?? [lobby], log: log, configuration: configuration)
        try harness.establish(shared: communities, asking: false)
        return harness
    }

    /// Entries `first...last` of `author`'s chain in `community`, with `size` bytes of content.
    func chain(
        _ author: SigningKey, _ range: ClosedRange<UInt64>, in community: CommunityKey? = nil,
        size: Int = 1
    ) throws -> [Entry] {
        var previous = EntryID.zero
        var entries: [Entry] = []
        for sequence in 1...range.upperBound {
            let entry = try Entry.sign(
                community: (community ?? lobby).id, sequence: sequence, previous: previous,
                timestamp: 0, contentType: .post, content: [UInt8](repeating: 7, count: size),
                with: author)
            previous = entry.id
            if range.contains(sequence) { entries.append(entry) }
        }
        return entries
    }

    /// How many of `entries`, received in order from the harness peer, go to ingest.
    func ingested(
        _ entries: [Entry], into harness: inout EngineHarness, from peer: PeerHandle? = nil
    )
        throws -> Int
    {
        var count = 0
        for entry in entries {
            let actions = try harness.receive(.entry(entry.bytes), from: peer)
            count += actions.filter { if case .ingest = $0 { true } else { false } }.count
        }
        return count
    }

    @Test("a session delivers a stranger's entries up to its burst, then at its rate")
    func sessionBudget() throws {
        var harness = try harness(configuration())
        let entries = try chain(alice, 1...20)
        let count1 = try ingested(Array(entries[0..<15]), into: &harness)
        #expect(count1 == 10)
        #expect(harness.engine.entriesOverBudget == 5)
        _ = harness.engine.handle(.tick(now: 1_000))  // 5 units a second.
        let count2 = try ingested(Array(entries[10..<20]), into: &harness)
        #expect(count2 == 5)
        #expect(harness.engine.entriesOverBudget == 10)
    }

    @Test("a large entry costs one unit plus one per full KiB")
    func unitsBySize() throws {
        var harness = try harness(configuration())
        let large = try chain(alice, 1...3, size: 4_000)  // About 4.2 KB: 5 units each.
        #expect(large.allSatisfy { StrangerBudget.units(of: $0) == 5 })
        let count3 = try ingested(large, into: &harness)
        #expect(count3 == 2)
    }

    @Test("entries of closed communities and the node's own are never budgeted")
    func closedAndOwnExempt() throws {
        var harness = try harness(configuration(), communities: [closed, lobby])
        let count4 = try ingested(try chain(alice, 1...30, in: closed), into: &harness)
        #expect(count4 == 30)
        let count5 = try ingested(try chain(harness.local, 1...30), into: &harness)
        #expect(count5 == 30)
        #expect(harness.engine.entriesOverBudget == 0)
    }

    @Test("an author the node holds in a closed community is no stranger in the open one")
    func knownFromClosedCommunity() throws {
        let log = SimulatedLog()
        try log.post("hello", by: bob, in: closed.id)
        var harness = try harness(configuration(), communities: [closed, lobby], log: log)
        let count6 = try ingested(try chain(bob, 1...30), into: &harness)
        #expect(count6 == 30)
        let count7 = try ingested(try chain(alice, 1...30), into: &harness)
        #expect(count7 == 10)
    }

    @Test("the node budget is shared by every session")
    func nodeBudgetShared() throws {
        var harness = try harness(configuration(sessionBurst: 100, nodeBurst: 12))
        let other = PeerHandle(2)
        _ = harness.engine.handle(
            .sessionOpened(harness.info(peer: other, remote: bob.publicKey)))
        _ = try harness.receive(
            .communities([
                CommunityProof(key: lobby, sessionID: harness.sessionID, sender: bob.publicKey)
            ]), from: other)
        _ = try harness.receive(.clock(community: lobby.id, chains: []), from: other)
        let count8 = try ingested(try chain(alice, 1...8), into: &harness)
        #expect(count8 == 8)
        let count9 = try ingested(try chain(bob, 1...8), into: &harness, from: other)
        #expect(count9 == 4)
    }

    @Test("new authors of an open community are admitted up to the burst, then one per 2 s")
    func newAuthorBudget() throws {
        var harness = try harness(configuration(sessionBurst: 1_000, newAuthorBurst: 3))
        let authors = (0..<6).map { Fixtures.signingKey(UInt8(40 + $0)) }
        var admitted = 0
        for author in authors { admitted += try ingested(try chain(author, 1...2), into: &harness) }
        // Three chains start; their second entries take no new-author token.
        #expect(admitted == 6)
        #expect(harness.engine.entriesOverBudget == 6)
        _ = harness.engine.handle(.tick(now: 2_000))
        let late = try chain(Fixtures.signingKey(60), 1...1)
        let later = try chain(Fixtures.signingKey(61), 1...1)
        let count10 = try ingested(late + later, into: &harness)
        #expect(count10 == 1)
    }

    @Test("a stranger's chain the node holds none of is not asked for while no new author fits")
    func noAskWithoutNewAuthorToken() throws {
        var harness = try harness(configuration(newAuthorBurst: 1))
        let count11 = try ingested(try chain(alice, 1...1), into: &harness)
        #expect(count11 == 1)
        // The budget is spent and alice's entry is not stored yet: bob's chain is not asked for.
        let actions = try harness.receive(
            .clock(community: lobby.id, chains: [ClockItem(author: bob.publicKey, sequence: 5)]))
        #expect(!actions.contains(harness.sendsItem(bob.publicKey, 0, push: true)))
        #expect(
            harness.engine.pushers(of: ChainKey(author: bob.publicKey, community: lobby.id)).isEmpty
        )
        // Once a token is back, the next item asks.
        _ = harness.engine.handle(.tick(now: 2_000))
        _ = try harness.receive(
            .clock(community: lobby.id, chains: [ClockItem(author: bob.publicKey, sequence: 6)]))
        #expect(
            harness.engine.pushers(of: ChainKey(author: bob.publicKey, community: lobby.id)) == [
                harness.peer
            ])
    }
}

extension ReplicationEngineStrangerTests {
    @Test("while room is kept for known people, strangers' entries are dropped and not asked for")
    func strangerStoragePaused() throws {
        let log = SimulatedLog()
        try log.post("hello", by: bob, in: closed.id)
        var harness = try harness(configuration(), communities: [closed, lobby], log: log)
        _ = harness.engine.handle(.strangerStoragePaused(true))
        let fromAlice = try ingested(try chain(alice, 1...3), into: &harness)
        let fromBob = try ingested(try chain(bob, 1...3), into: &harness)
        #expect(fromAlice == 0 && fromBob == 3)
        #expect(harness.engine.entriesOverBudget == 3)
        let carol = Fixtures.signingKey(12)
        _ = try harness.receive(
            .clock(community: lobby.id, chains: [ClockItem(author: carol.publicKey, sequence: 4)]))
        let carolChain = ChainKey(author: carol.publicKey, community: lobby.id)
        #expect(harness.engine.pushers(of: carolChain).isEmpty)
        // Room again: what the peer is known to hold more of is asked for.
        _ = harness.engine.handle(.strangerStoragePaused(false))
        #expect(harness.engine.pushers(of: carolChain) == [harness.peer])
    }
}
