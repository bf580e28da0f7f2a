/// The numbers of overlay.md: how many sessions a node keeps, how it waits before improving its
/// choice, and how it backs off from peers that failed. The defaults are the document's.
public struct OverlayConfiguration: Hashable, Sendable {
    /// The most sessions a node with one link and no static peers keeps: 8.
    public var maximumSessions = 8
    /// The sessions a node opens to peers of its own choosing: 3. The other places
    /// (`maximumSessions - outboundSessions`) take sessions peers open by their choice.
    public var outboundSessions = 3
    /// How long a candidate must have been heard before the node dials it to improve on a choice
    /// it already has: 2 s.
    public var matureAfter: UInt64 = 2_000
    /// The first backoff after a failed dial: 1 s.
    public var minimumBackoff: UInt64 = 1_000
    /// The longest backoff after failures: 60 s.
    public var maximumBackoff: UInt64 = 60_000
    /// The first backoff after a peer refused a session (too many sessions): 10 minutes. A full
    /// node seldom gets room, and any other candidate serves as well, so the node does not come
    /// back soon: each return that succeeds changes two sessions.
    public var refusedBackoff: UInt64 = 600_000
    /// The longest backoff after refusals: 1 hour.
    public var maximumRefusedBackoff: UInt64 = 3_600_000
    /// A session shorter than this that ended badly counts as a failed dial: 10 s.
    public var shortSession: UInt64 = 10_000

    /// The defaults of overlay.md.
    public init() {}

    /// The places for sessions peers open by their own choice: 5 by default.
    public var acceptedSessions: Int { max(0, maximumSessions - outboundSessions) }
}
