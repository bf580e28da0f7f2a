import KithCore

/// A proof that the sender of a `communities` message holds a community key, bound to one session
/// and one sender (replication.md, "Which communities are shared"):
///
///     proof = BLAKE2b-256(key: community key, "kith community proof v1" ‖ session id ‖ sender public key)
public struct CommunityProof: Hashable, Sendable, CustomStringConvertible {
    /// The length of a proof in bytes.
    public static let byteCount = 32

    /// The label hashed before the session id and the sender's key.
    public static let label = "kith community proof v1"

    /// The proof's 32 bytes.
    public let bytes: [UInt8]

    /// A proof from its 32 bytes.
    public init(bytes: some Collection<UInt8>) throws(KeyError) {
        guard bytes.count == Self.byteCount else {
            throw .wrongLength(expected: Self.byteCount, actual: bytes.count)
        }
        self.bytes = Array(bytes)
    }

    /// The proof that `sender` holds `key`, for the session named `sessionID` (32 bytes, derived
    /// by the handshake: sessions.md).
    /// The corresponding C function is `crypto_generichash`.
    public init(key: CommunityKey, sessionID: some Collection<UInt8>, sender: PublicKey) {
        var message: [UInt8] = []
        message.reserveCapacity(Self.label.utf8.count + 64)
        message.append(contentsOf: Self.label.utf8)
        message.append(contentsOf: sessionID)
        message.append(contentsOf: sender.bytes)
        var keyBytes = key.bytes
        bytes = Blake2b.hash256(key: keyBytes, message)
        SecureMemory.wipe(&keyBytes)
    }

    /// The proof in lowercase hex.
    public var description: String {
        Hex.encode(bytes)
    }
}
