import KithCore

/// What the handshake established about a new session (sessions.md), handed to the replication
/// engine when the session opens.
public struct ReplicationSessionInfo: Hashable, Sendable {
    /// The IO layer's handle for the session.
    public var peer: PeerHandle
    /// The 32-byte session id both sides derived; community proofs are bound to it.
    public var sessionID: [UInt8]
    /// The peer's node key, proven by the handshake.
    public var remoteKey: PublicKey
    /// The community whose key the handshake used: always shared.
    public var community: CommunityID

    /// A session with `remoteKey`, named `sessionID`, opened under `community`.
    public init(peer: PeerHandle, sessionID: [UInt8], remoteKey: PublicKey, community: CommunityID)
    {
        self.peer = peer
        self.sessionID = sessionID
        self.remoteKey = remoteKey
        self.community = community
    }
}
