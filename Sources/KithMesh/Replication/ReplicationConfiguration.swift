/// Tunable bounds of the replication engine. The defaults follow replication.md.
public struct ReplicationConfiguration: Hashable, Sendable {
    /// The most live entries queued for one session; past it, the session falls back to
    /// catch-up from the log for the chains that overflowed.
    public var liveQueueLimit: Int = 256
    /// The most entries read from the log for one chain in one catch-up turn.
    public var catchUpBatch: Int = 64
    /// Per session and community, how many authors the node does not know it keeps in the peer's
    /// clock. A peer clock never holds more chains than the node knows plus this.
    public var unknownAuthorLimit: Int = 1_024
    /// Send a `ping` after this many milliseconds without sending.
    public var pingInterval: UInt64 = ReplicationLimits.pingInterval
    /// Close a session that received nothing for this many milliseconds.
    public var idleTimeout: UInt64 = ReplicationLimits.idleTimeout
    /// Disconnect a peer once it has sent this many invalid entries in one session.
    public var invalidEntryLimit: Int = ReplicationLimits.invalidEntryLimit

    /// The defaults.
    public init() {}
}
