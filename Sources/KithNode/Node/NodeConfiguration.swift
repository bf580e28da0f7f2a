import KithCore
import KithMesh

/// Everything a ``Node`` needs besides its identity and store.
public struct NodeConfiguration: Sendable {
    /// The communities the node is in when it starts (the default community unless told).
    public var communities: [CommunityKey] = [DefaultCommunity.key]
    /// Discovery: interfaces, port, static peers, beacon timing.
    public var discovery = DiscoveryConfiguration()
    /// Sessions: port, limits, buffers.
    public var sessions = SessionConfiguration()
    /// Which sessions to keep: how many, how to choose, how to back off (overlay.md).
    public var overlay = OverlayConfiguration()
    /// Replication bounds and keepalive.
    public var replication = ReplicationConfiguration()
    /// The community book (`<home>/communities`, Protocol/communities.md) that the control op
    /// `communities_reload` reads to join and leave communities while running; nil for none
    /// (the node then keeps `communities` for its lifetime).
    public var communityBookPath: String?
    /// Where to serve the control socket (`<home>/control.sock`); nil for none.
    public var controlSocketPath: String?
    /// The block list file (`<home>/blocked`, Protocol/blocklist.md), loaded at start and saved
    /// by `block` and `unblock`; nil keeps blocks in memory only, for the node's lifetime.
    public var blockListPath: String?
    /// The list of authors hidden from this node's user (`<home>/hidden`, Protocol/blocklist.md,
    /// "Hidden authors"), loaded at start and saved when it changes; nil keeps it in memory.
    public var hiddenListPath: String?
    /// The most entries one ingest batch holds before it is written (a batch is also written at
    /// the end of every turn of the loop).
    public var ingestBatchLimit = 2_048
    /// Below this many free bytes for the home, entries from peers are refused (replication.md,
    /// "Flow control"): 64 MiB.
    public var diskReserve: UInt64 = 64 << 20
    /// Below this many free bytes for the home, strangers' entries are refused, keeping the rest
    /// for people the node knows (replication.md, "Strangers"): 256 MiB.
    public var strangerReserve: UInt64 = 256 << 20
    /// Measures the free bytes for a home (tests); nil uses `statvfs`.
    public var availableSpace: (@Sendable (String) -> UInt64?)?
    /// Milliseconds a stopping node waits for its goodbyes to be sent.
    public var stopGracePeriod: UInt64 = 2_000

    /// The defaults: the default community, every suitable interface, any free TCP port.
    public init() {}
}
