/// Why a handshake failed (sessions.md, "Failure"). Whatever the reason, the node closes the
/// connection at once and sends nothing more; the reason is for its own log only.
public enum HandshakeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Responder: the hello matches none of its community keys, or was made for another node key.
    case unknownCommunity
    /// Initiator: the reply does not authenticate: the peer does not hold the community key, or the
    /// reply belongs to another handshake.
    case badReply
    /// A shared secret came out all zero: the peer sent a low-order public key.
    case weakKey
    /// The peer's node key is not a valid Ed25519 public key (or has small order).
    case invalidRemoteKey
    /// An encrypted handshake message did not authenticate.
    case decryptionFailed
    /// The peer's signature over the handshake does not verify.
    case badSignature
    /// Both ends of the connection have the same node key: the node reached itself.
    case connectedToSelf
    /// The state machine was used out of order: started twice, fed before it started, or fed after
    /// it finished.
    case invalidState

    /// A sentence that says why the handshake failed.
    public var description: String {
        switch self {
        case .unknownCommunity:
            "handshake hello matches none of our communities"
        case .badReply:
            "handshake reply does not authenticate: the peer does not hold the community key"
        case .weakKey:
            "peer sent a low-order key in the handshake"
        case .invalidRemoteKey:
            "peer node key is not a valid Ed25519 public key"
        case .decryptionFailed:
            "encrypted handshake message does not authenticate"
        case .badSignature:
            "peer's handshake signature does not verify"
        case .connectedToSelf:
            "connected to ourselves"
        case .invalidState:
            "handshake used out of order"
        }
    }
}
