import KithCore
import KithMesh

/// A session between two nodes of a ``SimulatedMesh``: two in-order frame queues, one each way,
/// and counters of what crossed it.
final class SimulatedLink {
    /// One direction of the link.
    struct Direction {
        /// The frames sent and not yet delivered, oldest first.
        var frames: [[UInt8]] = []
        /// The bytes in `frames`.
        var queuedBytes = 0
        /// The most bytes ever queued at once.
        var peakQueuedBytes = 0
        /// Entry frames delivered.
        var entriesDelivered = 0
        /// Entries delivered that the receiver already held when it verified them.
        var duplicates = 0
        /// The communities of every clock and entry sent this way.
        var communities: Set<CommunityID> = []
    }

    /// The two nodes, by index.
    let nodes: (Int, Int)
    /// Each node's handle for this session: `handles.0` is what node `nodes.0` calls it.
    let handles: (PeerHandle, PeerHandle)
    /// `directions.0` carries frames from `nodes.0` to `nodes.1`; `directions.1` the other way.
    var directions: (Direction, Direction) = (Direction(), Direction())
    /// Whether the session is open.
    var isOpen = true
    /// While true, nothing is delivered either way (the peer stopped reading).
    var isBlocked = false

    init(nodes: (Int, Int), handles: (PeerHandle, PeerHandle)) {
        self.nodes = nodes
        self.handles = handles
    }

    /// Entries delivered across the link that the receiver already held, both ways.
    var duplicates: Int { directions.0.duplicates + directions.1.duplicates }

    /// Entries delivered across the link, both ways.
    var entriesDelivered: Int { directions.0.entriesDelivered + directions.1.entriesDelivered }

    /// Which side (0 or 1) knows the session as `handle`.
    func side(of handle: PeerHandle) -> Int {
        handle == handles.0 ? 0 : 1
    }

    /// The direction whose frames `side` sends.
    subscript(outgoingFrom side: Int) -> Direction {
        get { side == 0 ? directions.0 : directions.1 }
        set {
            if side == 0 { directions.0 = newValue } else { directions.1 = newValue }
        }
    }
}
