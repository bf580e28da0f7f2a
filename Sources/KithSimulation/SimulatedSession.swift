import KithMesh

/// A session between two simulated nodes: a TCP connection whose two directions deliver frames in
/// order after the session's delay and at the configured rate.
final class SimulatedSession {
    /// One direction's state.
    struct Direction {
        /// Bytes sent and not yet delivered.
        var inFlight = 0
        /// Bytes sent since the sender's engine was last told its room.
        var bytesSinceReport = 0
        /// When the last frame sent this way is delivered.
        var lastDelivery: UInt64 = 0
        /// Frames held while the two nodes cannot reach each other, oldest first.
        var held: [[UInt8]] = []
    }

    let id: Int
    /// The two nodes; `nodes.0` opened the session.
    let nodes: (Int, Int)
    /// Each node's handle for the session.
    let handles: (PeerHandle, PeerHandle)
    /// The one-way delay, in microseconds.
    let latency: UInt64
    /// When the session was established.
    let establishedAt: UInt64
    /// `directions[side]` carries frames sent by `side` (0 is `nodes.0`).
    var directions = [Direction(), Direction()]
    /// Whether each side still has the session open.
    var isOpen = [true, true]

    init(
        id: Int, nodes: (Int, Int), handles: (PeerHandle, PeerHandle), latency: UInt64,
        establishedAt: UInt64
    ) {
        self.id = id
        self.nodes = nodes
        self.handles = handles
        self.latency = latency
        self.establishedAt = establishedAt
    }

    /// The side (0 or 1) that `node` is on.
    func side(of node: Int) -> Int { node == nodes.0 ? 0 : 1 }

    /// The node on `side`.
    func node(on side: Int) -> Int { side == 0 ? nodes.0 : nodes.1 }

    /// The handle `side` knows the session by.
    func handle(on side: Int) -> PeerHandle { side == 0 ? handles.0 : handles.1 }
}
