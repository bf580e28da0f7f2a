import KithCore
import KithTestSupport
import Testing

@testable import KithMesh

/// Attackers who hold the community key but not the secret key of the node they pretend to be.
@Suite("Handshake attacks")
struct HandshakeAttackTests {
    /// The hello's `X`.
    static func ephemeral(of hello: [UInt8]) -> [UInt8] { Array(hello[0..<32]) }

    @Test("an impersonator with the community key cannot read the initiator's identity nor finish")
    func impersonatorOfResponder() throws {
        let alice = try MeshFixtures.alice()
        let bob = try MeshFixtures.bob()
        let mallory = try MeshFixtures.carol()
        let garden = try MeshFixtures.garden()
        var random = SeededRandomSource("impersonation")
        var initiator = HandshakeInitiator(
            identity: alice, responder: bob.publicKey, community: garden, using: &random)
        guard case .send(let hello) = initiator.start().first else {
            Issue.record("no hello")
            return
        }
        // Mallory answers at bob's address: she can check the hello and write a valid reply...
        let networkKey = HandshakeCrypto.networkKey(for: garden)
        let x = Self.ephemeral(of: hello)
        #expect(
            HandshakeCrypto.helloMAC(
                networkKey: networkKey, responder: bob.publicKey, initiatorEphemeral: x)
                == Array(hello[32...]))
        let malloryEphemeral = EphemeralKeyPair(using: &random)
        let reply =
            malloryEphemeral.publicKey
            + HandshakeCrypto.replyMAC(
                networkKey: networkKey, initiatorEphemeral: x,
                responderEphemeral: malloryEphemeral.publicKey)
        guard case .send(let auth) = initiator.receive(reply).first else {
            Issue.record("a valid reply must be answered")
            return
        }
        // ...but she cannot compute s2 = X25519(x, B~), so message 3 (alice's identity) stays closed.
        let s1 = try #require(X25519.sharedSecret(secret: malloryEphemeral.secret, publicKey: x))
        let guessedS2 = try #require(
            X25519.sharedSecret(secret: X25519.secret(fromEd25519: mallory), publicKey: x))
        let transcript = HandshakeTranscript(
            networkKey: networkKey, initiatorEphemeral: x,
            responderEphemeral: malloryEphemeral.publicKey,
            s1: s1, s2: guessedS2)
        #expect(HandshakeCrypto.open(auth, key: transcript.authKey) == nil)
        // Her own accept, under the key she can compute and signed by herself, is refused.
        let aliceCurve = try #require(X25519.publicKey(fromEd25519: alice.publicKey))
        let s3 = try #require(
            X25519.sharedSecret(secret: malloryEphemeral.secret, publicKey: aliceCurve))
        let forged = mallory.signature(
            for: transcript.responderProofMessage(
                initiator: alice.publicKey,
                initiatorProof: try Signature(bytes: [UInt8](repeating: 0, count: 64))))
        let accept = HandshakeCrypto.seal(forged.bytes, key: transcript.acceptKey(s3: s3))
        guard case .failed(.decryptionFailed) = initiator.receive(accept).first else {
            Issue.record("a forged accept must fail")
            return
        }
    }

    @Test("a man in the middle who swaps ephemeral keys makes both sides fail")
    func ephemeralSwap() throws {
        let alice = try MeshFixtures.alice()
        let bob = try MeshFixtures.bob()
        let garden = try MeshFixtures.garden()
        var random = SeededRandomSource("swap")
        var initiator = HandshakeInitiator(
            identity: alice, responder: bob.publicKey, community: garden, using: &random)
        var responder = HandshakeResponder(identity: bob, communities: [garden], using: &random)
        let networkKey = HandshakeCrypto.networkKey(for: garden)
        let mallory = EphemeralKeyPair(using: &random)

        guard case .send(let hello) = initiator.start().first else {
            Issue.record("no hello")
            return
        }
        let x = Self.ephemeral(of: hello)
        // Toward bob: Mallory's own ephemeral, with a valid mac for bob.
        let swappedHello =
            mallory.publicKey
            + HandshakeCrypto.helloMAC(
                networkKey: networkKey, responder: bob.publicKey,
                initiatorEphemeral: mallory.publicKey)
        guard case .send(let reply) = responder.receive(swappedHello).first else {
            Issue.record("no reply")
            return
        }
        // Toward alice: Mallory's ephemeral again, with a valid mac for alice's hello.
        let swappedReply =
            mallory.publicKey
            + HandshakeCrypto.replyMAC(
                networkKey: networkKey, initiatorEphemeral: x, responderEphemeral: mallory.publicKey
            )
        guard case .send(let auth) = initiator.receive(swappedReply).first else {
            Issue.record("no auth")
            return
        }
        #expect(reply != swappedReply)
        // Alice's message 3 is keyed with X25519(x, B~): bob, who saw Mallory's ephemeral, cannot open it.
        guard case .failed(.decryptionFailed) = responder.receive(auth).first else {
            Issue.record("bob must refuse the relayed auth")
            return
        }
    }

    @Test("a low-order ephemeral key in the hello makes the responder fail without answering")
    func lowOrderHello() throws {
        let bob = try MeshFixtures.bob()
        let garden = try MeshFixtures.garden()
        let networkKey = HandshakeCrypto.networkKey(for: garden)
        for point in Self.lowOrderPoints {
            var responder = HandshakeResponder(identity: bob, communities: [garden])
            let hello =
                point
                + HandshakeCrypto.helloMAC(
                    networkKey: networkKey, responder: bob.publicKey, initiatorEphemeral: point)
            let actions = responder.receive(hello)
            #expect(actions.count == 1)
            guard case .failed(.weakKey) = actions.first else {
                Issue.record("expected weakKey")
                return
            }
        }
    }

    @Test("a low-order ephemeral key in the reply makes the initiator fail without answering")
    func lowOrderReply() throws {
        let alice = try MeshFixtures.alice()
        let bob = try MeshFixtures.bob()
        let garden = try MeshFixtures.garden()
        let networkKey = HandshakeCrypto.networkKey(for: garden)
        for point in Self.lowOrderPoints {
            var initiator = HandshakeInitiator(
                identity: alice, responder: bob.publicKey, community: garden)
            guard case .send(let hello) = initiator.start().first else {
                Issue.record("no hello")
                return
            }
            let reply =
                point
                + HandshakeCrypto.replyMAC(
                    networkKey: networkKey, initiatorEphemeral: Self.ephemeral(of: hello),
                    responderEphemeral: point)
            let actions = initiator.receive(reply)
            #expect(actions.count == 1)
            guard case .failed(.weakKey) = actions.first else {
                Issue.record("expected weakKey")
                return
            }
        }
    }

    /// X25519 public keys of small order: 0, 1, and a point of order 8 (from libsodium's blocklist).
    static let lowOrderPoints: [[UInt8]] = [
        [UInt8](repeating: 0, count: 32),
        [1] + [UInt8](repeating: 0, count: 31),
        TestHex.decode("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800") ?? [],
    ]
}
