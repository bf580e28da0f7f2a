import KithCore

/// Read access to the node's log, as the replication engine needs it: the clock it announces and
/// the entries it sends in catch-up. The on-disk store implements it; tests use an in-memory log.
///
/// Both requirements describe each chain the log follows (its first entry for each sequence):
/// fork entries kept as proof are never part of them.
public protocol ReplicationSource {
    /// Every chain of `community` the log holds, with its head sequence (at least 1), each author
    /// once. The order is the source's own; a stable order keeps the engine deterministic.
    func clock(of community: CommunityID) -> [ClockItem]

    /// Up to `limit` entries of `chain` in ascending order, starting with the one at `sequence`,
    /// with no gaps: fewer (or none) when the log holds fewer.
    func entries(of chain: ChainKey, from sequence: UInt64, limit: Int) -> [Entry]
}
