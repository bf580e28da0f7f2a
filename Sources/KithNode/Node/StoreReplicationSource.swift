import KithCore
import KithMesh
import KithStorage

/// The node's store as the replication engine reads it: the clock of a community and the
/// entries of a chain. Reads happen on the loop thread, like every other use of the store.
struct StoreReplicationSource: ReplicationSource {
    let store: EntryStore

    /// Every chain of `community` with a head, ordered by author key so the engine's clock
    /// messages do not depend on hashing.
    func clock(of community: CommunityID) -> [ClockItem] {
        store.clockInKeyOrder(of: community).compactMap { item in
            item.head > 0 ? ClockItem(author: item.author, sequence: item.head) : nil
        }
    }

    /// Up to `limit` entries of `chain` from `sequence` on; none when the log cannot be read
    /// (the chain is then retried when it changes).
    func entries(of chain: ChainKey, from sequence: UInt64, limit: Int) -> [Entry] {
        (try? store.entries(of: chain, from: sequence, limit: limit)) ?? []
    }
}
