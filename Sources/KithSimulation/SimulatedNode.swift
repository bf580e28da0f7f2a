import KithCore
import KithMesh

/// One node of a ``MeshSimulator``: an identity and a log that survive restarts, and, while it
/// runs, a replication engine, an overlay policy and the sessions, dials and entries in flight.
final class SimulatedNode {
    let index: Int
    let identity: SigningKey
    let links: [Int]
    let log: SimulatedLog
    var engine: ReplicationEngine<SimulatedLog>
    var overlay: OverlayPolicy
    var isUp = true
    /// Counts the runs, so that events of an earlier run are dropped.
    var run = 0
    /// The open session with each peer node.
    var sessionWith: [Int: Int] = [:]
    /// The session of each handle.
    var sessionOf: [PeerHandle: Int] = [:]
    /// The attempt number of each dial in progress, by peer node.
    var dialing: [Int: Int] = [:]
    /// When each peer was last heard, by node.
    var lastHeard: [Int: UInt64] = [:]
    /// Entries received and not yet ingested, with the session that sent them.
    var pendingIngest: [(peer: PeerHandle, entry: Entry)] = []
    /// The batch being verified and stored, if any.
    var ingestBatch: [(peer: PeerHandle, entry: Entry)] = []
    /// Whether an ingest batch is being processed.
    var isIngesting = false
    /// When the last forget sweep ran.
    var lastSweep: UInt64 = 0

    // What the node did, for the report.
    var verifications = 0
    var entryCopiesReceived = 0
    var bytesReceived = 0
    var sessionsOpened = 0
    var sessionsClosed = 0

    init(
        index: Int, identity: SigningKey, links: [Int], log: SimulatedLog,
        engine: ReplicationEngine<SimulatedLog>, overlay: OverlayPolicy
    ) {
        self.index = index
        self.identity = identity
        self.links = links
        self.log = log
        self.engine = engine
        self.overlay = overlay
    }
}
