import KithCore

/// What the node must do after feeding a handshake state machine.
public enum HandshakeAction: Sendable {
    /// Write these bytes to the connection, in order.
    case send([UInt8])
    /// The handshake is complete: start the frame stream.
    case established(HandshakeOutcome)
    /// The handshake failed: close the connection at once and send nothing more.
    case failed(HandshakeError)
}

/// The result of a successful handshake.
public struct HandshakeOutcome: Sendable {
    /// The keys of the frame streams, from this node's point of view, and the session id.
    public let keys: SessionKeys
    /// The peer's proven node key.
    public let remoteKey: PublicKey
    /// The community whose key the handshake used.
    public let community: CommunityKey
    /// Bytes received after the last handshake message: the start of the peer's frame stream.
    public let leftover: [UInt8]
}

/// The fixed sizes of the four handshake messages (sessions.md).
public enum HandshakeFormat {
    /// Message 1, initiator to responder.
    public static let helloByteCount = 64
    /// Message 2, responder to initiator.
    public static let replyByteCount = 64
    /// Message 3, initiator to responder.
    public static let authByteCount = 112
    /// Message 4, responder to initiator.
    public static let acceptByteCount = 80
}
