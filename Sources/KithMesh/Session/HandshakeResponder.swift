import KithCore

/// The responder's side of the session handshake (sessions.md) as a state machine: ``receive(_:)``
/// takes whatever bytes arrived and says what to do next. The responder may hold many community
/// keys; the hello tells it which one the initiator used. Pure: no sockets or clocks; the ephemeral
/// key comes from a ``RandomSource``.
public struct HandshakeResponder: Sendable {
    private enum State: Sendable {
        case awaitingHello
        case awaitingAuth(HandshakeTranscript, community: CommunityKey)
        case finished
    }

    private let identity: SigningKey
    private let communities: [CommunityKey]
    /// Dropped (and so wiped) as soon as the handshake ends, for forward secrecy.
    private var ephemeral: EphemeralKeyPair?
    private var buffer = ReceiveBuffer()
    private var state = State.awaitingHello

    /// A responder proving `identity`, accepting initiators of any of `communities` (at most a few
    /// dozen; each hello is checked against every key), with its ephemeral secret drawn from
    /// `random`.
    public init(
        identity: SigningKey, communities: [CommunityKey], using random: inout some RandomSource
    ) {
        self.identity = identity
        self.communities = communities
        ephemeral = EphemeralKeyPair(using: &random)
    }

    /// A responder whose ephemeral secret comes from the system's secure random source.
    public init(identity: SigningKey, communities: [CommunityKey]) {
        var random = SystemRandomSource()
        self.init(identity: identity, communities: communities, using: &random)
    }

    /// Takes bytes received from the initiator, in any pieces, and returns what to do: send
    /// message 2, send message 4 and become established, or fail (sending nothing). Bytes after
    /// message 3 are handed on as the outcome's `leftover`.
    public mutating func receive(_ bytes: some Sequence<UInt8>) -> [HandshakeAction] {
        buffer.append(contentsOf: bytes)
        var actions: [HandshakeAction] = []
        while true {
            switch state {
            case .finished:
                return actions + fail(.invalidState)
            case .awaitingHello:
                guard let hello = buffer.readBytes(HandshakeFormat.helloByteCount) else {
                    return actions
                }
                actions += handleHello(hello)
            case .awaitingAuth(let transcript, let community):
                guard let auth = buffer.readBytes(HandshakeFormat.authByteCount) else {
                    return actions
                }
                return actions + handleAuth(auth, transcript: transcript, community: community)
            }
            if case .finished = state { return actions }
        }
    }

    /// Message 1: finds the community by trial, computes `s1` and `s2`, answers with message 2.
    private mutating func handleHello(_ hello: [UInt8]) -> [HandshakeAction] {
        guard let ephemeral else { return fail(.invalidState) }
        let initiatorEphemeral = Array(hello[0..<32])
        let mac = Array(hello[32..<64])
        var match: (community: CommunityKey, networkKey: SecretBytes)?
        for community in communities {
            let networkKey = HandshakeCrypto.networkKey(for: community)
            let expected = HandshakeCrypto.helloMAC(
                networkKey: networkKey, responder: identity.publicKey,
                initiatorEphemeral: initiatorEphemeral)
            if HandshakeCrypto.constantTimeEqual(mac, expected) {
                match = (community, networkKey)
                break
            }
        }
        guard let match else { return fail(.unknownCommunity) }
        let identityCurve = X25519.secret(fromEd25519: identity)
        guard let s1 = X25519.sharedSecret(secret: ephemeral.secret, publicKey: initiatorEphemeral),
            let s2 = X25519.sharedSecret(secret: identityCurve, publicKey: initiatorEphemeral)
        else { return fail(.weakKey) }
        let transcript = HandshakeTranscript(
            networkKey: match.networkKey, initiatorEphemeral: initiatorEphemeral,
            responderEphemeral: ephemeral.publicKey, s1: s1, s2: s2)
        let replyMAC = HandshakeCrypto.replyMAC(
            networkKey: match.networkKey, initiatorEphemeral: initiatorEphemeral,
            responderEphemeral: ephemeral.publicKey)
        state = .awaitingAuth(transcript, community: match.community)
        return [.send(ephemeral.publicKey + replyMAC)]
    }

    /// Message 3: decrypts, checks the initiator's key and signature, answers with message 4 and
    /// derives the session keys.
    private mutating func handleAuth(
        _ auth: [UInt8], transcript: HandshakeTranscript, community: CommunityKey
    ) -> [HandshakeAction] {
        guard let ephemeral else { return fail(.invalidState) }
        guard let plaintext = HandshakeCrypto.open(auth, key: transcript.authKey),
            let initiator = try? PublicKey(bytes: plaintext[0..<32]),
            let initiatorProof = try? Signature(bytes: plaintext[32..<96])
        else { return fail(.decryptionFailed) }
        guard initiator != identity.publicKey else { return fail(.connectedToSelf) }
        guard let initiatorCurve = X25519.publicKey(fromEd25519: initiator) else {
            return fail(.invalidRemoteKey)
        }
        guard
            initiator.isValidSignature(
                initiatorProof, for: transcript.initiatorProofMessage(responder: identity.publicKey)
            )
        else { return fail(.badSignature) }
        guard let s3 = X25519.sharedSecret(secret: ephemeral.secret, publicKey: initiatorCurve)
        else {
            return fail(.weakKey)
        }
        let responderProof = identity.signature(
            for: transcript.responderProofMessage(
                initiator: initiator, initiatorProof: initiatorProof))
        let accept = HandshakeCrypto.seal(responderProof.bytes, key: transcript.acceptKey(s3: s3))
        let keys = transcript.sessionKeys(
            s3: s3, initiator: initiator, responder: identity.publicKey, forInitiator: false)
        state = .finished
        self.ephemeral = nil
        let leftover = Array(buffer.readableBytesView)
        buffer = ReceiveBuffer()
        return [
            .send(accept),
            .established(
                HandshakeOutcome(
                    keys: keys, remoteKey: initiator, community: community, leftover: leftover)),
        ]
    }

    /// Ends the handshake with `error`.
    private mutating func fail(_ error: HandshakeError) -> [HandshakeAction] {
        state = .finished
        self.ephemeral = nil
        buffer = ReceiveBuffer()
        return [.failed(error)]
    }
}
