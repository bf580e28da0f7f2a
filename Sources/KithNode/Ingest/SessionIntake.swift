import KithCore
import KithMesh

/// The entries sessions brought in one turn of the loop, each with the session that sent it,
/// waiting to be verified and appended in one batch; and how many copies came since the start.
struct SessionIntake {
    /// One entry waiting for the batch, and the session it came from.
    struct Item {
        let peer: PeerHandle
        let entry: Entry
    }

    private var pending: [Item] = []
    /// Entries peers sent, every copy, taken or not (``NodeTraffic``).
    private(set) var copiesReceived = 0

    /// How many entries wait.
    var pendingCount: Int { pending.count }

    /// Counts a copy of an entry a session sent, whether or not it is taken.
    mutating func countCopy() {
        copiesReceived += 1
    }

    /// Queues `entry`, sent by `peer`, for the batch.
    mutating func queue(_ entry: Entry, from peer: PeerHandle) {
        pending.append(Item(peer: peer, entry: entry))
    }

    /// The batch, in the order queued; the intake starts empty again.
    mutating func takeBatch() -> [Item] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }
}
