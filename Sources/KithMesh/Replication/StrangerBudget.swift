import KithCore

/// How much a node takes from strangers (replication.md, "Strangers"): authors of an open
/// community (one whose key is public, such as the default community) whom the node has no other
/// reason to trust. Their entries cost **units**, one per entry plus one per full KiB of its
/// bytes, taken from the session's budget and from the node's; the first entry of a chain the node
/// holds none of also takes a token of the community's new-author budget. An entry over budget is
/// dropped unverified, as a refused one is, and comes again through the usual repairs.
public struct StrangerBudget: Sendable, Hashable {
    /// The communities whose keys are public: the default community.
    public var openCommunities: Set<CommunityID> = [DefaultCommunity.id]
    /// Units a session may deliver in a burst: 20,000.
    public var sessionBurst: UInt64 = 20_000
    /// Units a session may deliver each second, sustained: 1,000.
    public var sessionPerSecond: UInt64 = 1_000
    /// Units all sessions together may deliver in a burst: 40,000.
    public var nodeBurst: UInt64 = 40_000
    /// Units all sessions together may deliver each second, sustained: 2,000.
    public var nodePerSecond: UInt64 = 2_000
    /// New authors an open community may gain in a burst: 200.
    public var newAuthorBurst: UInt64 = 200
    /// New authors an open community may gain each minute, sustained: 30 (one per 2 s).
    public var newAuthorsPerMinute: UInt64 = 30

    /// The defaults.
    public init() {}

    /// What `entry` costs: one unit, plus one per full KiB of its bytes.
    public static func units(of entry: Entry) -> UInt64 {
        units(ofByteCount: entry.bytes.count)
    }

    /// The units an entry of `byteCount` bytes costs: 1, plus 1 per full KiB.
    public static func units(ofByteCount byteCount: Int) -> UInt64 {
        1 + UInt64(byteCount / 1_024)
    }

    /// A full session budget at `now`.
    func sessionBucket(now: UInt64) -> TokenBucket {
        TokenBucket(capacity: sessionBurst, perMinute: sessionPerSecond * 60, now: now)
    }

    /// A full new-author budget of one open community at `now`.
    func newAuthorBucket(now: UInt64) -> TokenBucket {
        TokenBucket(capacity: newAuthorBurst, perMinute: newAuthorsPerMinute, now: now)
    }

    /// A full node budget at `now`.
    func nodeBucket(now: UInt64) -> TokenBucket {
        TokenBucket(capacity: nodeBurst, perMinute: nodePerSecond * 60, now: now)
    }
}
