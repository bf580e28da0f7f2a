import KithCore
import KithMesh
import Testing

@Suite("Replication engine: sessions and shared communities")
struct ReplicationEngineSessionTests {
    typealias Fixtures = ReplicationFixtures

    @Test("opening a session sends one proof per community, the handshake's first")
    func openSendsProofs() {
        let other = Fixtures.communityKey(2)
        var harness = EngineHarness(communities: [other, Fixtures.communityKey(1)])
        // The harness community is the first key given: `other`. Open under community 1 instead.
        let info = ReplicationSessionInfo(
            peer: harness.peer, sessionID: harness.sessionID, remoteKey: harness.remote.publicKey,
            community: Fixtures.communityKey(1).id)
        let actions = harness.engine.handle(.sessionOpened(info))
        let local = harness.local.publicKey
        #expect(
            actions == [
                .send(
                    harness.peer,
                    .communities([
                        CommunityProof(
                            key: Fixtures.communityKey(1), sessionID: harness.sessionID,
                            sender: local),
                        CommunityProof(key: other, sessionID: harness.sessionID, sender: local),
                    ]))
            ])
    }

    @Test("a node in more than 64 communities sends 64 proofs, the handshake's among them")
    func atMost64Proofs() throws {
        let keys = (1...70).map { Fixtures.communityKey(UInt8($0)) }
        var harness = EngineHarness(communities: Array(keys.reversed()))
        let info = ReplicationSessionInfo(
            peer: harness.peer, sessionID: harness.sessionID, remoteKey: harness.remote.publicKey,
            community: keys[0].id)
        let messages = Fixtures.messages(
            harness.engine.handle(.sessionOpened(info)), to: harness.peer)
        guard case .communities(let proofs) = try #require(messages.first) else {
            Issue.record("expected communities")
            return
        }
        #expect(proofs.count == 64)
        #expect(
            proofs.first
                == CommunityProof(
                    key: keys[0], sessionID: harness.sessionID, sender: harness.local.publicKey))
        #expect(throws: Never.self) { try messages[0].encoded() }
    }

    @Test("shared communities are those both sides proved, plus the handshake's")
    func sharedCommunities() throws {
        let lobby = Fixtures.communityKey(1)
        let family = Fixtures.communityKey(2)
        let work = Fixtures.communityKey(3)
        let stranger = Fixtures.communityKey(4)
        var harness = EngineHarness(communities: [lobby, family, work])
        _ = harness.engine.handle(.sessionOpened(harness.info()))
        // A proof for `work` made for another session does not count; `stranger` is not held.
        let wrongSession = CommunityProof(
            key: work, sessionID: Fixtures.sessionID(99), sender: harness.remote.publicKey)
        let actions = try harness.receive(
            .communities([harness.peerProof(family), wrongSession, harness.peerProof(stranger)]))
        #expect(
            harness.engine.statistics(of: harness.peer)?.sharedCommunities == [lobby.id, family.id])
        // One empty clock per shared community (neither holds chains yet).
        #expect(
            Fixtures.messages(actions, to: harness.peer) == [
                .clock(community: lobby.id, chains: []), .clock(community: family.id, chains: []),
            ])
    }

    @Test("a clock larger than 1,024 chains is split, the last message shorter")
    func clockSplits() throws {
        let community = Fixtures.communityKey(1)
        let chains = (0..<2_048).map {
            ClockItem(author: Fixtures.publicKey($0), sequence: UInt64($0 + 1))
        }
        let source = FixedClockSource(clocks: [community.id: chains])
        var engine = ReplicationEngine(
            localKey: Fixtures.signingKey(1).publicKey, communities: [community], source: source)
        let peer = PeerHandle(3)
        let remote = Fixtures.signingKey(2).publicKey
        _ = engine.handle(
            .sessionOpened(
                ReplicationSessionInfo(
                    peer: peer, sessionID: Fixtures.sessionID(1), remoteKey: remote,
                    community: community.id)))
        let actions = engine.handle(
            .frameReceived(peer, try ReplicationMessage.communities([]).encoded()))
        let clocks = Fixtures.messages(actions, to: peer)
        #expect(
            clocks == [
                .clock(community: community.id, chains: Array(chains[0..<1_024])),
                .clock(community: community.id, chains: Array(chains[1_024...])),
                .clock(community: community.id, chains: []),
            ])
    }

    @Test("clocks and entries of a community not shared are protocol errors")
    func notShared() throws {
        let lobby = Fixtures.communityKey(1)
        let family = Fixtures.communityKey(2)
        var harness = EngineHarness(communities: [lobby, family])
        try harness.establish()
        let actions = try harness.receive(.clock(community: family.id, chains: []))
        #expect(Fixtures.disconnects(actions) == [.protocolError(.communityNotShared(family.id))])
        #expect(
            actions.first.map { action in
                if case .send(_, .goodbye(.protocolError, _)) = action { return true }
                return false
            } == true)
        #expect(harness.engine.peers.isEmpty)

        var second = EngineHarness(communities: [lobby, family])
        try second.establish()
        let author = Fixtures.signingKey(5)
        let entry = try Entry.sign(
            community: family.id, sequence: 1, previous: .zero, timestamp: 0, contentType: .post,
            content: [1],
            with: author)
        let entryActions = try second.receive(.entry(entry.bytes))
        #expect(
            Fixtures.disconnects(entryActions) == [.protocolError(.communityNotShared(family.id))])
        #expect(Fixtures.ingested(entryActions).isEmpty)
    }

    @Test("clocks and entries before communities, and a second communities, are protocol errors")
    func ordering() throws {
        let entry = try Entry.sign(
            community: Fixtures.communityKey(1).id, sequence: 1, previous: .zero, timestamp: 0,
            contentType: .post,
            content: [1], with: Fixtures.signingKey(5))
        let cases: [(ReplicationMessage, ReplicationProtocolError)] = [
            (
                .clock(community: Fixtures.communityKey(1).id, chains: []),
                .beforeCommunities(.clock)
            ),
            (.entry(entry.bytes), .beforeCommunities(.entry)),
        ]
        for (message, error) in cases {
            var harness = EngineHarness()
            _ = harness.engine.handle(.sessionOpened(harness.info()))
            #expect(Fixtures.disconnects(try harness.receive(message)) == [.protocolError(error)])
        }
        var harness = EngineHarness()
        try harness.establish()
        let again = try harness.receive(.communities([]))
        #expect(Fixtures.disconnects(again) == [.protocolError(.repeatedCommunities)])
    }

    @Test("a malformed frame closes the session; an unknown type is ignored")
    func malformedAndUnknown() throws {
        var harness = EngineHarness()
        try harness.establish()
        #expect(harness.engine.handle(.frameReceived(harness.peer, [0x7f, 1, 2])).isEmpty)
        let actions = harness.engine.handle(.frameReceived(harness.peer, [4, 1]))
        #expect(
            Fixtures.disconnects(actions) == [
                .protocolError(.malformed(.truncated(.ping, expected: 8, actual: 1)))
            ])
        #expect(harness.engine.statistics(of: harness.peer) == nil)
        // Events for a closed session are ignored.
        #expect(harness.engine.handle(.frameReceived(harness.peer, [4, 1])).isEmpty)
    }

    @Test("ping is answered with pong; goodbye closes without a reply")
    func pingAndGoodbye() throws {
        var harness = EngineHarness()
        try harness.establish()
        #expect(try harness.receive(.ping(nonce: 42)) == [.send(harness.peer, .pong(nonce: 42))])
        #expect(try harness.receive(.pong(nonce: 42)).isEmpty)
        let actions = try harness.receive(.goodbye(.shutdown, text: "later"))
        #expect(actions == [.disconnect(harness.peer, .peerSaidGoodbye(.shutdown, text: "later"))])
        #expect(harness.engine.peers.isEmpty)
    }

    @Test("a close the node asks for says goodbye with the reason")
    func closeRequested() throws {
        var harness = EngineHarness()
        try harness.establish()
        let actions = harness.engine.handle(.closeRequested(harness.peer, .duplicateSession))
        #expect(
            actions == [
                .send(harness.peer, .goodbye(.duplicateSession, text: "duplicate session")),
                .disconnect(harness.peer, .closedLocally(.duplicateSession)),
            ])
        #expect(harness.engine.handle(.closeRequested(harness.peer, .shutdown)).isEmpty)
    }

    @Test("closing a session forgets it, and closing twice is harmless")
    func close() throws {
        var harness = EngineHarness()
        try harness.establish()
        #expect(harness.engine.peers == [harness.peer])
        #expect(harness.engine.handle(.sessionClosed(harness.peer)).isEmpty)
        #expect(harness.engine.handle(.sessionClosed(harness.peer)).isEmpty)
        #expect(harness.engine.peers.isEmpty)
    }
}
