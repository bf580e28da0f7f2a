import KithCore
import KithMesh
import Testing

/// Communities joined and left while the engine runs (replication.md, "Joining and leaving").
@Suite("Replication engine: joining and leaving communities")
struct ReplicationEngineMembershipTests {
    typealias Fixtures = ReplicationFixtures

    private static let goodbye = ReplicationAction.send(
        PeerHandle(1),
        .goodbye(.communitiesChanged, truncating: GoodbyeReason.communitiesChanged.description))

    @Test("leaving a shared community closes the session with goodbye 6; new sessions skip it")
    func leavingClosesSharedSessions() throws {
        let lobby = Fixtures.communityKey(1)
        let garden = Fixtures.communityKey(2)
        var harness = EngineHarness(communities: [lobby, garden])
        try harness.establish(shared: [lobby, garden])
        let actions = harness.engine.handle(.communitiesChanged([lobby]))
        #expect(actions.contains(Self.goodbye))
        #expect(Fixtures.disconnects(actions) == [.closedLocally(.communitiesChanged)])
        #expect(harness.engine.peers.isEmpty)
        // The next session offers a proof for lobby only.
        let reopened = harness.engine.handle(.sessionOpened(harness.info()))
        #expect(
            Fixtures.messages(reopened, to: harness.peer) == [
                .communities([
                    CommunityProof(
                        key: lobby, sessionID: harness.sessionID, sender: harness.local.publicKey)
                ])
            ])
    }

    @Test("leaving a community a session does not share leaves the session alone")
    func leavingUnsharedKeepsSession() throws {
        let lobby = Fixtures.communityKey(1)
        let garden = Fixtures.communityKey(2)
        var harness = EngineHarness(communities: [lobby, garden])
        try harness.establish(shared: [lobby])
        let actions = harness.engine.handle(.communitiesChanged([lobby]))
        #expect(Fixtures.disconnects(actions).isEmpty)
        #expect(harness.engine.peers == [harness.peer])
    }

    @Test("joining a community the peer proved reopens the session; others are kept")
    func joiningReopensWhenThePeerHoldsIt() throws {
        let lobby = Fixtures.communityKey(1)
        let garden = Fixtures.communityKey(2)
        let orchard = Fixtures.communityKey(3)
        var harness = EngineHarness(communities: [lobby])
        // The peer proved lobby and garden; the node held only lobby then.
        try harness.establish(shared: [lobby, garden])
        #expect(harness.engine.statistics(of: harness.peer)?.sharedCommunities == [lobby.id])
        // orchard: the peer gave no proof of it, so the session has nothing to gain.
        let unrelated = harness.engine.handle(.communitiesChanged([lobby, orchard]))
        #expect(Fixtures.disconnects(unrelated).isEmpty)
        let joined = harness.engine.handle(.communitiesChanged([lobby, orchard, garden]))
        #expect(joined.contains(Self.goodbye))
        #expect(harness.engine.peers.isEmpty)
        // The next session shares garden.
        _ = harness.engine.handle(.sessionOpened(harness.info()))
        _ = try harness.receive(.communities([harness.peerProof(garden)]))
        #expect(
            harness.engine.statistics(of: harness.peer)?.sharedCommunities == [
                lobby.id, garden.id,
            ])
    }

    @Test("a session still waiting for the peer's communities is reopened by any change")
    func pendingSessionsAreReopened() {
        let lobby = Fixtures.communityKey(1)
        let garden = Fixtures.communityKey(2)
        var harness = EngineHarness(communities: [lobby])
        _ = harness.engine.handle(.sessionOpened(harness.info()))
        let actions = harness.engine.handle(.communitiesChanged([lobby, garden]))
        #expect(Fixtures.disconnects(actions) == [.closedLocally(.communitiesChanged)])
    }

    @Test("a community left is forgotten: entries of it are no longer asked for or accepted")
    func leftCommunityIsForgotten() throws {
        let lobby = Fixtures.communityKey(1)
        let garden = Fixtures.communityKey(2)
        var harness = EngineHarness(communities: [lobby, garden])
        _ = harness.engine.handle(.communitiesChanged([lobby]))
        let chain = ChainKey(author: harness.remote.publicKey, community: garden.id)
        #expect(harness.engine.localHead(of: chain) == 0)
        // A peer that proves garden in a new session does not share it with this node.
        _ = harness.engine.handle(.sessionOpened(harness.info()))
        _ = try harness.receive(.communities([harness.peerProof(garden)]))
        #expect(harness.engine.statistics(of: harness.peer)?.sharedCommunities == [lobby.id])
        let clock = try harness.receive(.clock(community: garden.id, chains: []))
        #expect(Fixtures.disconnects(clock).count == 1)
    }
}
