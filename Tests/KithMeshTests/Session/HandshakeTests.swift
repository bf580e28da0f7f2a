import KithCore
import KithTestSupport
import Testing

@testable import KithMesh

@Suite("Session handshake")
struct HandshakeTests {
    /// An initiator (alice) and responder (bob) in `garden`, with reproducible ephemeral keys.
    static func pair(
        initiatorCommunity: CommunityKey? = nil, responderCommunities: [CommunityKey]? = nil,
        responderKey: PublicKey? = nil, seed: String = "handshake"
    ) throws -> (HandshakeInitiator, HandshakeResponder) {
        let alice = try MeshFixtures.alice()
        let bob = try MeshFixtures.bob()
        let garden = try MeshFixtures.garden()
        var random = SeededRandomSource(seed)
        let initiator = HandshakeInitiator(
            identity: alice, responder: responderKey ?? bob.publicKey,
            community: initiatorCommunity ?? garden,
            using: &random)
        let responder = HandshakeResponder(
            identity: bob, communities: responderCommunities ?? [garden], using: &random)
        return (initiator, responder)
    }

    @Test("initiator and responder agree on keys, identities and community")
    func success() throws {
        let (initiator, responder) = try Self.pair(
            responderCommunities: [
                DefaultCommunity.key, try MeshFixtures.orchard(), try MeshFixtures.garden(),
            ])
        var harness = HandshakeHarness(initiator: initiator, responder: responder)
        let run = harness.run()
        let initiatorSide = try #require(run.initiatorOutcome)
        let responderSide = try #require(run.responderOutcome)
        #expect(run.messages.map(\.count) == [64, 64, 112, 80])
        #expect(initiatorSide.remoteKey == (try MeshFixtures.bob().publicKey))
        #expect(responderSide.remoteKey == (try MeshFixtures.alice().publicKey))
        #expect(initiatorSide.community == (try MeshFixtures.garden()))
        #expect(responderSide.community == (try MeshFixtures.garden()))
        #expect(initiatorSide.keys.sending.bytes == responderSide.keys.receiving.bytes)
        #expect(initiatorSide.keys.receiving.bytes == responderSide.keys.sending.bytes)
        #expect(initiatorSide.keys.sending.bytes != initiatorSide.keys.receiving.bytes)
        #expect(initiatorSide.keys.sessionID == responderSide.keys.sessionID)
        #expect(initiatorSide.keys.sessionID.count == 32)
        #expect(initiatorSide.leftover.isEmpty && responderSide.leftover.isEmpty)
    }

    @Test("two handshakes between the same nodes give different keys (fresh ephemerals)")
    func freshKeys() throws {
        let (firstInitiator, firstResponder) = try Self.pair(seed: "first")
        let (secondInitiator, secondResponder) = try Self.pair(seed: "second")
        var first = HandshakeHarness(initiator: firstInitiator, responder: firstResponder)
        var second = HandshakeHarness(initiator: secondInitiator, responder: secondResponder)
        let one = try #require(first.run().initiatorOutcome)
        let two = try #require(second.run().initiatorOutcome)
        #expect(one.keys.sending.bytes != two.keys.sending.bytes)
        #expect(one.keys.sessionID != two.keys.sessionID)
    }

    @Test(
        "feeding one byte at a time, or everything at once, gives the same result",
        arguments: [1, 3, 63, 65, 1000])
    func pieces(size: Int) throws {
        let (wholeInitiator, wholeResponder) = try Self.pair()
        var whole = HandshakeHarness(initiator: wholeInitiator, responder: wholeResponder)
        let expected = whole.run()
        let (initiator, responder) = try Self.pair()
        var pieces = HandshakeHarness(initiator: initiator, responder: responder, pieceSize: size)
        let run = pieces.run()
        #expect(run.messages == expected.messages)
        let initiatorSide = try #require(run.initiatorOutcome)
        #expect(initiatorSide.keys.sessionID == expected.initiatorOutcome?.keys.sessionID)
        #expect(
            run.responderOutcome?.keys.sending.bytes
                == expected.responderOutcome?.keys.sending.bytes)
    }

    @Test("bytes that arrive together with the last handshake message are handed on as leftover")
    func leftover() throws {
        let (initiator, responder) = try Self.pair()
        // Whole: accept and the 5 frame bytes arrive in one piece. 50: the last piece holds the
        // accept's final 30 bytes and the 5 frame bytes. 1: the accept's last byte arrives alone.
        for (pieceSize, expected) in [(nil, [1, 2, 3, 4, 5]), (50, [1, 2, 3, 4, 5]), (1, [])]
            as [(Int?, [UInt8])]
        {
            var harness = HandshakeHarness(
                initiator: initiator, responder: responder, pieceSize: pieceSize)
            harness.extraFromResponderAfterAccept = [1, 2, 3, 4, 5]
            let run = harness.run()
            #expect(run.initiatorOutcome?.leftover == expected)
        }
        // The responder's leftover: bytes after message 3 in the same piece.
        var harness = HandshakeHarness(initiator: initiator, responder: responder)
        harness.tamper = { index, message in
            if index == 2 { message += [9, 9] }
        }
        #expect(harness.run().responderOutcome?.leftover == [9, 9])
    }

    @Test("a responder without the initiator's community key fails at message 1 and sends nothing")
    func wrongCommunity() throws {
        let (initiator, responder) = try Self.pair(
            initiatorCommunity: try MeshFixtures.orchard(),
            responderCommunities: [DefaultCommunity.key, try MeshFixtures.garden()])
        var harness = HandshakeHarness(initiator: initiator, responder: responder)
        let run = harness.run()
        #expect(run.responderFailure == .unknownCommunity)
        #expect(run.sentByResponder.isEmpty)
        #expect(run.messages.count == 1)
        #expect(run.initiatorOutcome == nil && run.initiatorFailure == nil)
    }

    @Test("a responder with no communities at all fails at message 1")
    func noCommunities() throws {
        let (initiator, responder) = try Self.pair(responderCommunities: [])
        var harness = HandshakeHarness(initiator: initiator, responder: responder)
        let run = harness.run()
        #expect(run.responderFailure == .unknownCommunity)
        #expect(run.sentByResponder.isEmpty)
    }

    @Test(
        "a hello made for another node fails at that node (it cannot be replayed to probe membership)"
    )
    func helloForAnotherNode() throws {
        let (initiator, responder) = try Self.pair(responderKey: try MeshFixtures.carol().publicKey)
        var harness = HandshakeHarness(initiator: initiator, responder: responder)
        let run = harness.run()
        #expect(run.responderFailure == .unknownCommunity)
        #expect(run.sentByResponder.isEmpty)
    }

    @Test("changing any bit of any handshake message makes the handshake fail", arguments: 0..<4)
    func tampering(messageIndex: Int) throws {
        let sizes = [64, 64, 112, 80]
        for byte in 0..<sizes[messageIndex] {
            for bit in [0, 7] {
                let (initiator, responder) = try Self.pair()
                var harness = HandshakeHarness(initiator: initiator, responder: responder)
                harness.tamper = { index, message in
                    if index == messageIndex { message[byte] ^= 1 << bit }
                }
                let run = harness.run()
                // The side that receives the damaged message fails; nobody gets keys from it.
                let receiverFailure =
                    messageIndex % 2 == 0 ? run.responderFailure : run.initiatorFailure
                #expect(receiverFailure != nil, "message \(messageIndex) byte \(byte) bit \(bit)")
                #expect(run.initiatorOutcome == nil)
                if messageIndex < 3 { #expect(run.responderOutcome == nil) }
                #expect(run.messages.count == messageIndex + 1, "nothing is sent after a failure")
            }
        }
    }

    @Test("a node does not start a handshake with itself")
    func selfConnection() throws {
        let alice = try MeshFixtures.alice()
        var initiator = HandshakeInitiator(
            identity: alice, responder: alice.publicKey, community: try MeshFixtures.garden())
        guard case .failed(.connectedToSelf) = initiator.start().first else {
            Issue.record("expected connectedToSelf")
            return
        }
    }

    @Test("a responder key that is not a valid point is refused before anything is sent")
    func invalidResponderKey() throws {
        let alice = try MeshFixtures.alice()
        // The all-zero key has small order: no X25519 conversion.
        let invalid = try PublicKey(bytes: [UInt8](repeating: 0, count: 32))
        var initiator = HandshakeInitiator(
            identity: alice, responder: invalid, community: try MeshFixtures.garden())
        guard case .failed(.invalidRemoteKey) = initiator.start().first else {
            Issue.record("expected invalidRemoteKey")
            return
        }
    }

    @Test("state machines refuse use out of order")
    func outOfOrder() throws {
        var (initiator, _) = try Self.pair()
        guard case .failed(.invalidState) = initiator.receive([1, 2, 3]).first else {
            Issue.record("receive before start must fail")
            return
        }
        let (freshInitiator, freshResponder) = try Self.pair()
        var harness = HandshakeHarness(initiator: freshInitiator, responder: freshResponder)
        #expect(harness.run().initiatorOutcome != nil)
        guard case .failed(.invalidState) = harness.responder.receive([0]).first,
            case .failed(.invalidState) = harness.initiator.receive([0]).first,
            case .failed(.invalidState) = harness.initiator.start().first
        else {
            Issue.record("use after the end must fail")
            return
        }
    }
}
