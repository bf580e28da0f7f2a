import KithCore

/// The initiator's side of the session handshake (sessions.md) as a state machine: ``start()``
/// gives the hello to send; ``receive(_:)`` takes whatever bytes arrived and says what to do next.
/// Pure: no sockets or clocks; the ephemeral key comes from a ``RandomSource``.
public struct HandshakeInitiator: Sendable {
    private enum State: Sendable {
        case ready
        case awaitingReply
        case awaitingAccept(HandshakeTranscript, s3: SecretBytes, initiatorProof: Signature)
        case finished
    }

    private let identity: SigningKey
    private let responder: PublicKey
    private let community: CommunityKey
    private let networkKey: SecretBytes
    /// Dropped (and so wiped) as soon as the handshake ends, for forward secrecy.
    private var ephemeral: EphemeralKeyPair?
    private var buffer = ReceiveBuffer()
    private var state = State.ready

    /// An initiator that will prove `identity` to the node `responder` (known from its beacon)
    /// using `community`'s key, with its ephemeral secret drawn from `random`.
    public init(
        identity: SigningKey, responder: PublicKey, community: CommunityKey,
        using random: inout some RandomSource
    ) {
        self.identity = identity
        self.responder = responder
        self.community = community
        networkKey = HandshakeCrypto.networkKey(for: community)
        ephemeral = EphemeralKeyPair(using: &random)
    }

    /// An initiator whose ephemeral secret comes from the system's secure random source.
    public init(identity: SigningKey, responder: PublicKey, community: CommunityKey) {
        var random = SystemRandomSource()
        self.init(identity: identity, responder: responder, community: community, using: &random)
    }

    /// Begins the handshake: `[.send(hello)]`, or `[.failed]` when the responder key is unusable
    /// or is this node's own key.
    public mutating func start() -> [HandshakeAction] {
        guard case .ready = state else { return fail(.invalidState) }
        guard let ephemeral else { return fail(.invalidState) }
        guard responder != identity.publicKey else { return fail(.connectedToSelf) }
        guard X25519.publicKey(fromEd25519: responder) != nil else {
            return fail(.invalidRemoteKey)
        }
        state = .awaitingReply
        let mac = HandshakeCrypto.helloMAC(
            networkKey: networkKey, responder: responder, initiatorEphemeral: ephemeral.publicKey)
        return [.send(ephemeral.publicKey + mac)]
    }

    /// Takes bytes received from the responder, in any pieces, and returns what to do: send
    /// message 3, become established, or fail. Bytes after message 4 are handed on as the
    /// outcome's `leftover`.
    public mutating func receive(_ bytes: some Sequence<UInt8>) -> [HandshakeAction] {
        buffer.append(contentsOf: bytes)
        var actions: [HandshakeAction] = []
        while true {
            switch state {
            case .ready, .finished:
                return actions + fail(.invalidState)
            case .awaitingReply:
                guard let reply = buffer.readBytes(HandshakeFormat.replyByteCount) else {
                    return actions
                }
                actions += handleReply(reply)
            case .awaitingAccept(let transcript, let s3, let initiatorProof):
                guard let accept = buffer.readBytes(HandshakeFormat.acceptByteCount) else {
                    return actions
                }
                return actions
                    + handleAccept(
                        accept, transcript: transcript, s3: s3, initiatorProof: initiatorProof)
            }
            if case .finished = state { return actions }
        }
    }

    /// Message 2: checks `mac2`, computes `s1`, `s2`, `s3`, and answers with message 3.
    private mutating func handleReply(_ reply: [UInt8]) -> [HandshakeAction] {
        guard let ephemeral else { return fail(.invalidState) }
        let responderEphemeral = Array(reply[0..<32])
        let expected = HandshakeCrypto.replyMAC(
            networkKey: networkKey, initiatorEphemeral: ephemeral.publicKey,
            responderEphemeral: responderEphemeral)
        guard HandshakeCrypto.constantTimeEqual(Array(reply[32..<64]), expected) else {
            return fail(.badReply)
        }
        guard let responderCurve = X25519.publicKey(fromEd25519: responder) else {
            return fail(.invalidRemoteKey)
        }
        let identityCurve = X25519.secret(fromEd25519: identity)
        guard let s1 = X25519.sharedSecret(secret: ephemeral.secret, publicKey: responderEphemeral),
            let s2 = X25519.sharedSecret(secret: ephemeral.secret, publicKey: responderCurve),
            let s3 = X25519.sharedSecret(secret: identityCurve, publicKey: responderEphemeral)
        else { return fail(.weakKey) }
        let transcript = HandshakeTranscript(
            networkKey: networkKey, initiatorEphemeral: ephemeral.publicKey,
            responderEphemeral: responderEphemeral, s1: s1, s2: s2)
        let initiatorProof = identity.signature(
            for: transcript.initiatorProofMessage(responder: responder))
        let auth = HandshakeCrypto.seal(
            identity.publicKey.bytes + initiatorProof.bytes, key: transcript.authKey)
        state = .awaitingAccept(transcript, s3: s3, initiatorProof: initiatorProof)
        return [.send(auth)]
    }

    /// Message 4: decrypts and checks the responder's signature, then derives the session keys.
    private mutating func handleAccept(
        _ accept: [UInt8], transcript: HandshakeTranscript, s3: SecretBytes,
        initiatorProof: Signature
    ) -> [HandshakeAction] {
        guard let plaintext = HandshakeCrypto.open(accept, key: transcript.acceptKey(s3: s3)) else {
            return fail(.decryptionFailed)
        }
        guard let responderProof = try? Signature(bytes: plaintext),
            responder.isValidSignature(
                responderProof,
                for: transcript.responderProofMessage(
                    initiator: identity.publicKey, initiatorProof: initiatorProof))
        else { return fail(.badSignature) }
        let keys = transcript.sessionKeys(
            s3: s3, initiator: identity.publicKey, responder: responder, forInitiator: true)
        state = .finished
        self.ephemeral = nil
        let leftover = Array(buffer.readableBytesView)
        buffer = ReceiveBuffer()
        return [
            .established(
                HandshakeOutcome(
                    keys: keys, remoteKey: responder, community: community, leftover: leftover))
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
