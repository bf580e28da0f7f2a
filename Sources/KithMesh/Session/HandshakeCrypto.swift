import CSodium
import KithCore

/// The labels and derivations of the session handshake, shared by both sides (sessions.md).
enum HandshakeCrypto {
    /// The ASCII labels that start every derivation and signed message.
    enum Label {
        static let networkKey = "kith session key v1"
        static let hello = "kith session v1 hello"
        static let reply = "kith session v1 reply"
        static let authKey = "kith session v1 auth key"
        static let acceptKey = "kith session v1 accept key"
        static let initiatorProof = "kith session v1 initiator proof"
        static let responderProof = "kith session v1 responder proof"
        static let keys = "kith session v1 keys"
        static let initiatorToResponder = "kith session v1 initiator to responder"
        static let responderToInitiator = "kith session v1 responder to initiator"
        static let sessionID = "kith session v1 id"
    }

    /// The all-zero nonce of the two encrypted handshake messages (each key is used once).
    static let zeroNonce = [UInt8](repeating: 0, count: AEAD.chaCha20Poly1305.nonceByteCount)

    /// `N = BLAKE2b-256(key: k, "kith session key v1")`.
    static func networkKey(for community: CommunityKey) -> SecretBytes {
        var derived = Blake2b.hash256(key: community.bytes, Array(Label.networkKey.utf8))
        return SecretBytes(takingAndWiping: &derived)
    }

    /// `BLAKE2b-256(key: key, label ‖ what build appends)`; the hashed input is wiped afterwards.
    static func keyedHash(key: SecretBytes, label: String, _ build: (inout [UInt8]) -> Void)
        -> [UInt8]
    {
        var message = Array(label.utf8)
        build(&message)
        defer { SecureMemory.wipe(&message) }
        return key.withUnsafeBytes { Blake2b.hash256(key: $0, message) }
    }

    /// Like ``keyedHash(key:label:_:)``, for a result that is itself a secret.
    static func secretHash(key: SecretBytes, label: String, _ build: (inout [UInt8]) -> Void)
        -> SecretBytes
    {
        var derived = keyedHash(key: key, label: label, build)
        return SecretBytes(takingAndWiping: &derived)
    }

    /// `mac1 = BLAKE2b-256(key: N, "kith session v1 hello" ‖ B ‖ X)`.
    static func helloMAC(networkKey: SecretBytes, responder: PublicKey, initiatorEphemeral: [UInt8])
        -> [UInt8]
    {
        keyedHash(key: networkKey, label: Label.hello) { message in
            message += responder.bytes
            message += initiatorEphemeral
        }
    }

    /// `mac2 = BLAKE2b-256(key: N, "kith session v1 reply" ‖ X ‖ Y)`.
    static func replyMAC(
        networkKey: SecretBytes, initiatorEphemeral: [UInt8], responderEphemeral: [UInt8]
    )
        -> [UInt8]
    {
        keyedHash(key: networkKey, label: Label.reply) { message in
            message += initiatorEphemeral
            message += responderEphemeral
        }
    }

    /// Whether two byte strings of equal length are equal, in time independent of their contents.
    /// The corresponding C function is `sodium_memcmp`.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        Sodium.ensureInitialized()
        return sodium_memcmp(lhs, rhs, lhs.count) == 0
    }

    /// `AEAD(key, plaintext)`: ChaCha20-Poly1305 with the all-zero nonce, ciphertext ‖ tag.
    static func seal(_ plaintext: [UInt8], key: SecretBytes) -> [UInt8] {
        key.withUnsafeBytes { keyBytes in
            plaintext.withUnsafeBytes {
                AEAD.chaCha20Poly1305.seal($0, key: keyBytes, nonce: zeroNonce)
            }
        }
    }

    /// The plaintext of `message` under `key` with the all-zero nonce, or nil when it does not
    /// authenticate.
    static func open(_ message: [UInt8], key: SecretBytes) -> [UInt8]? {
        key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes {
                AEAD.chaCha20Poly1305.open($0, key: keyBytes, nonce: zeroNonce)
            }
        }
    }
}
