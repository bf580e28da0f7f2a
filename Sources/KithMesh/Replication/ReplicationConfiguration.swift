/// Tunable bounds and timers of the replication engine. The defaults follow replication.md.
public struct ReplicationConfiguration: Hashable, Sendable {
    /// The most live entries queued for one session; past it, the session falls back to
    /// catch-up from the log for the chains that overflowed.
    public var liveQueueLimit: Int = 256
    /// The most entries read from the log for one chain in one catch-up turn.
    public var catchUpBatch: Int = 64
    /// Per session and community, how many authors the node does not know it keeps in the peer's
    /// clock. A peer clock never holds more chains than the node knows plus this. It also bounds,
    /// per community, the chains of unknown authors the node asks to be pushed at once.
    public var unknownAuthorLimit: Int = 1_024
    /// Send a `ping` after this many milliseconds without sending.
    public var pingInterval: UInt64 = ReplicationLimits.pingInterval
    /// Close a session that received nothing for this many milliseconds.
    public var idleTimeout: UInt64 = ReplicationLimits.idleTimeout
    /// Disconnect a peer once it has sent this many invalid entries in one session.
    public var invalidEntryLimit: Int = ReplicationLimits.invalidEntryLimit
    /// How long a chain may make no progress, while a peer holds more and no pusher delivers,
    /// before the node asks again (replication.md, "Choosing who pushes", rule 2): 1 s.
    public var askDelay: UInt64 = 1_000
    /// The longest wait between two asks for a stalled chain: 30 s.
    public var maximumAskDelay: UInt64 = 30_000
    /// The first wait before a gap at the same head is answered again: 1 s.
    public var correctionDelay: UInt64 = 1_000
    /// The longest such wait: 60 s.
    public var maximumCorrectionDelay: UInt64 = 60_000
    /// How long a note of a chain the peer holds some of waits before it goes out, at least (it
    /// waits up to twice this): 500 ms. Notes of chains the peer holds none of go at once.
    public var noteDelay: UInt64 = 500
    /// How long a session must be quiet before a digest goes out after a change: 2 s.
    public var digestQuietDelay: UInt64 = 2_000
    /// The longest time between two digests of a community to one peer: 60 s.
    public var digestInterval: UInt64 = 60_000
    /// The shortest time between two answered digests of a community from one peer: 5 s.
    public var digestAnswerInterval: UInt64 = 5_000

    /// What the node takes from strangers (replication.md, "Strangers").
    public var strangers = StrangerBudget()

    /// The defaults.
    public init() {}
}
