import KithMesh

/// What a simulation models: the nodes and the links between them, the network's timing and
/// losses, the cost of a node's work, and the protocol's own configurations.
public struct SimulationConfiguration: Sendable {
    /// How nodes are attached to links.
    public enum Topology: Sendable, Equatable {
        /// Every node on one link (one bridge).
        case oneLink
        /// `links` links in a row; nodes are spread over them, and one node of each link after
        /// the first is also on the one before it (a chain of bridges joined by those nodes).
        case chain(links: Int)
    }

    /// The number of nodes.
    public var nodeCount = 100
    /// How nodes are attached to links.
    public var topology = Topology.oneLink
    /// One-way delay of a frame or beacon between two nodes, in microseconds: each session and
    /// each beacon draws from this range.
    public var latency: ClosedRange<UInt64> = 100...400
    /// Bytes a session direction carries per microsecond (100 is about 800 Mbit/s).
    public var bytesPerMicrosecond: UInt64 = 100
    /// The probability that a beacon is lost on its way to one receiver.
    public var beaconLoss = 0.0
    /// Microseconds a node spends verifying one entry.
    public var verifyCost: UInt64 = 80
    /// Microseconds a node spends on one ingest batch besides verification (the sync).
    public var batchCost: UInt64 = 400
    /// Microseconds a handshake takes besides the network's round trips.
    public var handshakeCost: UInt64 = 1_000
    /// Above this many unsent bytes a session's engine waits (the node's high watermark).
    public var outputHighWatermark = 256 * 1024
    /// The engine is told of room again once the unsent bytes fall to this (the low watermark).
    public var outputLowWatermark = 64 * 1024
    /// The probability that a node silently fails to store an entry it received, as a store that
    /// lost it would: its peers count it as held, so only a later gap or a digest finds it.
    public var storeLoss = 0.0
    /// Nodes that announce what they hold but never send an entry (a peer that withholds).
    public var withholdingNodes: Set<Int> = []
    /// The replication engines' configuration.
    public var replication = ReplicationConfiguration()
    /// The overlay policies' configuration.
    public var overlay = OverlayConfiguration()

    /// The defaults: 100 nodes on one link, a LAN's delays, verification at 12,500 entries/s.
    public init() {}

    /// The links each node is on, for `topology` and `nodeCount`.
    func links(of node: Int) -> [Int] {
        switch topology {
        case .oneLink:
            return [0]
        case .chain(let count):
            let links = max(1, count)
            let home = node % links
            // The first node of each link after the first also sits on the link before it.
            if home > 0, node / links == 0 { return [home - 1, home] }
            return [home]
        }
    }
}
