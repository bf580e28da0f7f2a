import KithCore

/// What both sides of a handshake know once hello and reply are exchanged, and everything derived
/// from it (sessions.md): the keys of messages 3 and 4, the signed messages, the session keys.
struct HandshakeTranscript: Sendable {
    /// `N`, the session network key of the community used.
    let networkKey: SecretBytes
    /// `X`, the initiator's ephemeral public key.
    let initiatorEphemeral: [UInt8]
    /// `Y`, the responder's ephemeral public key.
    let responderEphemeral: [UInt8]
    /// `s1`: ephemeral with ephemeral.
    let s1: SecretBytes
    /// `s2`: initiator ephemeral with responder static.
    let s2: SecretBytes

    /// `key3 = BLAKE2b-256(key: N, "kith session v1 auth key" ‖ X ‖ Y ‖ s1 ‖ s2)`.
    var authKey: SecretBytes {
        HandshakeCrypto.secretHash(key: networkKey, label: HandshakeCrypto.Label.authKey) {
            message in
            appendEphemeralsAndSecrets(to: &message)
        }
    }

    /// `key4 = BLAKE2b-256(key: N, "kith session v1 accept key" ‖ X ‖ Y ‖ s1 ‖ s2 ‖ s3)`.
    func acceptKey(s3: SecretBytes) -> SecretBytes {
        HandshakeCrypto.secretHash(key: networkKey, label: HandshakeCrypto.Label.acceptKey) {
            message in
            appendEphemeralsAndSecrets(to: &message)
            s3.append(to: &message)
        }
    }

    /// What the initiator signs:
    /// `"kith session v1 initiator proof" ‖ N ‖ B ‖ X ‖ Y ‖ BLAKE2b-256(s1)`.
    func initiatorProofMessage(responder: PublicKey) -> [UInt8] {
        var message = Array(HandshakeCrypto.Label.initiatorProof.utf8)
        networkKey.append(to: &message)
        message += responder.bytes
        message += initiatorEphemeral
        message += responderEphemeral
        message += s1.withUnsafeBytes { Blake2b.hash256($0) }
        return message
    }

    /// What the responder signs:
    /// `"kith session v1 responder proof" ‖ N ‖ A ‖ X ‖ Y ‖ sigA ‖ BLAKE2b-256(s1)`.
    func responderProofMessage(initiator: PublicKey, initiatorProof: Signature) -> [UInt8] {
        var message = Array(HandshakeCrypto.Label.responderProof.utf8)
        networkKey.append(to: &message)
        message += initiator.bytes
        message += initiatorEphemeral
        message += responderEphemeral
        message += initiatorProof.bytes
        message += s1.withUnsafeBytes { Blake2b.hash256($0) }
        return message
    }

    /// `master = BLAKE2b-256(key: N, "kith session v1 keys" ‖ X ‖ Y ‖ s1 ‖ s2 ‖ s3 ‖ A ‖ B)`.
    func master(s3: SecretBytes, initiator: PublicKey, responder: PublicKey) -> SecretBytes {
        HandshakeCrypto.secretHash(key: networkKey, label: HandshakeCrypto.Label.keys) { message in
            appendEphemeralsAndSecrets(to: &message)
            s3.append(to: &message)
            message += initiator.bytes
            message += responder.bytes
        }
    }

    /// The session keys seen from one side: the initiator sends with `keyI2R`, the responder with
    /// `keyR2I`.
    func sessionKeys(
        s3: SecretBytes, initiator: PublicKey, responder: PublicKey, forInitiator: Bool
    )
        -> SessionKeys
    {
        let master = master(s3: s3, initiator: initiator, responder: responder)
        let i2r = HandshakeCrypto.secretHash(
            key: master, label: HandshakeCrypto.Label.initiatorToResponder
        ) { _ in }
        let r2i = HandshakeCrypto.secretHash(
            key: master, label: HandshakeCrypto.Label.responderToInitiator
        ) { _ in }
        let sessionID = HandshakeCrypto.keyedHash(
            key: master, label: HandshakeCrypto.Label.sessionID
        ) { _ in }
        return forInitiator
            ? SessionKeys(sending: i2r, receiving: r2i, sessionID: sessionID)
            : SessionKeys(sending: r2i, receiving: i2r, sessionID: sessionID)
    }

    /// Appends `X ‖ Y ‖ s1 ‖ s2`.
    private func appendEphemeralsAndSecrets(to message: inout [UInt8]) {
        message += initiatorEphemeral
        message += responderEphemeral
        s1.append(to: &message)
        s2.append(to: &message)
    }
}
