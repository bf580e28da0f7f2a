import KithCore
import KithMesh
import KithSimulation

/// One node of a ``SimulatedMesh``: an identity, an in-memory log and a replication engine, plus
/// the entries its peers sent that wait to be verified.
final class SimulatedNode {
    /// The node's index in the mesh.
    let index: Int
    /// The node's identity (its sessions' remote key, seen from its peers).
    let identity: SigningKey
    /// The node's communities.
    let communities: [CommunityKey]
    /// The node's log.
    let log: SimulatedLog
    /// The node's replication engine, reading `log`.
    var engine: ReplicationEngine<SimulatedLog>
    /// Entries received from each session, waiting to be verified and stored, oldest first.
    var pendingIngest: [PeerHandle: [Entry]] = [:]
    /// Why the engine closed sessions, in order.
    var disconnects: [(peer: PeerHandle, reason: DisconnectReason)] = []
    /// The ids of entries stored from peers, in the order they were stored.
    var received: [EntryID] = []

    init(
        index: Int, identity: SigningKey, communities: [CommunityKey], log: SimulatedLog,
        configuration: ReplicationConfiguration, now: UInt64
    ) {
        self.index = index
        self.identity = identity
        self.communities = communities
        self.log = log
        self.engine = ReplicationEngine(
            localKey: identity.publicKey, communities: communities, source: log,
            configuration: configuration, now: now)
    }

    /// Whether an entry from `peer` waits to be verified (the node reads no frame from that peer
    /// until it has verified what it read).
    func isVerifying(_ peer: PeerHandle) -> Bool {
        !(pendingIngest[peer]?.isEmpty ?? true)
    }
}
