import KithCore
import KithTestSupport

@testable import KithMesh

/// A complete handshake between alice (initiator) and bob (responder) in the garden community,
/// with fixed ephemeral secrets: every intermediate value and message.
struct HandshakeVector {
    let sources: MeshVectorSources
    let networkKey: [UInt8]
    let initiatorCurvePublicKey: [UInt8]
    let responderCurvePublicKey: [UInt8]
    let initiatorCurveSecret: [UInt8]
    let responderCurveSecret: [UInt8]
    let initiatorEphemeralPublicKey: [UInt8]
    let responderEphemeralPublicKey: [UInt8]
    let s1: [UInt8]
    let s2: [UInt8]
    let s3: [UInt8]
    let hello: [UInt8]
    let reply: [UInt8]
    let authKey: [UInt8]
    let initiatorProofMessage: [UInt8]
    let initiatorProof: [UInt8]
    let auth: [UInt8]
    let acceptKey: [UInt8]
    let responderProofMessage: [UInt8]
    let responderProof: [UInt8]
    let accept: [UInt8]
    let master: [UInt8]
    let initiatorToResponder: [UInt8]
    let responderToInitiator: [UInt8]
    let sessionID: [UInt8]
    /// The session keys as each side's state machine derived them.
    let initiatorKeys: SessionKeys
    let responderKeys: SessionKeys

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(sources: MeshVectorSources) throws {
        self.sources = sources
        let community = sources.gardenKey
        // The messages, from the state machines themselves.
        var initiatorRandom = FixedRandomSource(sources.initiatorEphemeral.bytes)
        var responderRandom = FixedRandomSource(sources.responderEphemeral.bytes)
        var harness = HandshakeHarness(
            initiator: HandshakeInitiator(
                identity: sources.alice, responder: sources.bob.publicKey, community: community,
                using: &initiatorRandom),
            responder: HandshakeResponder(
                identity: sources.bob, communities: [community], using: &responderRandom))
        let run = harness.run()
        guard run.messages.count == 4, let initiatorOutcome = run.initiatorOutcome,
            let responderOutcome = run.responderOutcome
        else { throw Failure(description: "the vector handshake did not complete") }
        hello = run.messages[0]
        reply = run.messages[1]
        auth = run.messages[2]
        accept = run.messages[3]
        initiatorKeys = initiatorOutcome.keys
        responderKeys = responderOutcome.keys

        // The intermediate values, computed step by step.
        let network = HandshakeCrypto.networkKey(for: community)
        networkKey = network.bytes
        guard let aliceCurve = X25519.publicKey(fromEd25519: sources.alice.publicKey),
            let bobCurve = X25519.publicKey(fromEd25519: sources.bob.publicKey)
        else { throw Failure(description: "vector keys do not convert") }
        initiatorCurvePublicKey = aliceCurve
        responderCurvePublicKey = bobCurve
        let aliceSecret = X25519.secret(fromEd25519: sources.alice)
        let bobSecret = X25519.secret(fromEd25519: sources.bob)
        initiatorCurveSecret = aliceSecret.bytes
        responderCurveSecret = bobSecret.bytes
        var fixedX = FixedRandomSource(sources.initiatorEphemeral.bytes)
        var fixedY = FixedRandomSource(sources.responderEphemeral.bytes)
        let x = EphemeralKeyPair(using: &fixedX)
        let y = EphemeralKeyPair(using: &fixedY)
        initiatorEphemeralPublicKey = x.publicKey
        responderEphemeralPublicKey = y.publicKey
        guard let s1 = X25519.sharedSecret(secret: x.secret, publicKey: y.publicKey),
            let s2 = X25519.sharedSecret(secret: x.secret, publicKey: bobCurve),
            let s3 = X25519.sharedSecret(secret: aliceSecret, publicKey: y.publicKey)
        else { throw Failure(description: "vector shared secrets are zero") }
        self.s1 = s1.bytes
        self.s2 = s2.bytes
        self.s3 = s3.bytes
        let transcript = HandshakeTranscript(
            networkKey: network, initiatorEphemeral: x.publicKey, responderEphemeral: y.publicKey,
            s1: s1, s2: s2)
        authKey = transcript.authKey.bytes
        initiatorProofMessage = transcript.initiatorProofMessage(responder: sources.bob.publicKey)
        let proofA = sources.alice.signature(for: initiatorProofMessage)
        initiatorProof = proofA.bytes
        acceptKey = transcript.acceptKey(s3: s3).bytes
        responderProofMessage = transcript.responderProofMessage(
            initiator: sources.alice.publicKey, initiatorProof: proofA)
        responderProof = sources.bob.signature(for: responderProofMessage).bytes
        let masterKey = transcript.master(
            s3: s3, initiator: sources.alice.publicKey, responder: sources.bob.publicKey)
        master = masterKey.bytes
        initiatorToResponder = Blake2b.hash256(
            key: master, Array("kith session v1 initiator to responder".utf8))
        responderToInitiator = Blake2b.hash256(
            key: master, Array("kith session v1 responder to initiator".utf8))
        sessionID = Blake2b.hash256(key: master, Array("kith session v1 id".utf8))
    }

    /// The JSON document of handshake.json.
    var document: OrderedJSON {
        .object([
            (
                "description",
                .string(
                    "A session handshake (sessions.md) between alice (initiator) and bob (responder) "
                        + "in the garden community, with fixed ephemeral secrets: every derived value, "
                        + "the four messages, and the session keys. Secrets appear here only because "
                        + "these are test keys.")
            ),
            (
                "community",
                .object([
                    ("name", .string("garden")), ("keySource", .string(sources.garden.source)),
                    ("key", .hex(sources.garden.bytes)),
                ])
            ),
            (
                "initiator",
                .object([
                    ("name", .string("alice")), ("seedSource", .string(sources.aliceSeed.source)),
                    ("seed", .hex(sources.aliceSeed.bytes)),
                    ("publicKey", .hex(sources.alice.publicKey.bytes)),
                    ("curvePublicKey", .hex(initiatorCurvePublicKey)),
                    ("curveSecret", .hex(initiatorCurveSecret)),
                    ("ephemeralSecretSource", .string(sources.initiatorEphemeral.source)),
                    ("ephemeralSecret", .hex(sources.initiatorEphemeral.bytes)),
                    ("ephemeralPublicKey", .hex(initiatorEphemeralPublicKey)),
                ])
            ),
            (
                "responder",
                .object([
                    ("name", .string("bob")), ("seedSource", .string(sources.bobSeed.source)),
                    ("seed", .hex(sources.bobSeed.bytes)),
                    ("publicKey", .hex(sources.bob.publicKey.bytes)),
                    ("curvePublicKey", .hex(responderCurvePublicKey)),
                    ("curveSecret", .hex(responderCurveSecret)),
                    ("ephemeralSecretSource", .string(sources.responderEphemeral.source)),
                    ("ephemeralSecret", .hex(sources.responderEphemeral.bytes)),
                    ("ephemeralPublicKey", .hex(responderEphemeralPublicKey)),
                ])
            ),
            ("networkKey", .hex(networkKey)),
            ("s1", .hex(s1)),
            ("s2", .hex(s2)),
            ("s3", .hex(s3)),
            ("hello", .hex(hello)),
            ("reply", .hex(reply)),
            ("authKey", .hex(authKey)),
            ("initiatorProofMessage", .hex(initiatorProofMessage)),
            ("initiatorProof", .hex(initiatorProof)),
            ("auth", .hex(auth)),
            ("acceptKey", .hex(acceptKey)),
            ("responderProofMessage", .hex(responderProofMessage)),
            ("responderProof", .hex(responderProof)),
            ("accept", .hex(accept)),
            ("master", .hex(master)),
            ("initiatorToResponderKey", .hex(initiatorToResponder)),
            ("responderToInitiatorKey", .hex(responderToInitiator)),
            ("sessionID", .hex(sessionID)),
        ])
    }
}
