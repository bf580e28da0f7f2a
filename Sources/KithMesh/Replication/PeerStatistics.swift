import KithCore

/// A snapshot of what the replication engine holds for one session, for logs and tests.
public struct PeerStatistics: Hashable, Sendable {
    /// The communities the session shares, in the order the node holds them.
    public var sharedCommunities: [CommunityID]
    /// The chains in the peer clocks of all shared communities.
    public var peerClockChains: Int
    /// The live entries waiting for room in the outgoing buffer.
    public var queuedLiveEntries: Int
    /// The chains the peer is still being caught up on.
    public var catchUpChains: Int
    /// The invalid entries the peer has sent in this session.
    public var invalidEntries: Int
    /// The bytes the engine may still send before the IO layer reports room again.
    public var bufferSpace: Int
    /// The chains this node asked the peer to push to it.
    public var chainsAskedOfPeer: Int
}
