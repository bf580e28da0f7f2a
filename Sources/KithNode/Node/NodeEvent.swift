import KithControl
import KithCore
import KithStorage
import KithSystem

/// Something a running node reports: for its log, its status line and the chat UI. Events are
/// delivered on the node's loop thread, in order; a handler must not block.
public enum NodeEvent: Sendable {
    /// The node is running: sessions are accepted on `sessionPort`, beacons on `discoveryPort`.
    case started(sessionPort: UInt16, discoveryPort: UInt16)
    /// Beacons are now sent and received on this interface and family.
    case linkUp(MulticastLink)
    /// This interface and family is gone (down, removed, or its address went away).
    case linkDown(MulticastLink)
    /// Joining the beacon group on this link failed; it is retried at the next interface scan.
    case linkFailed(MulticastLink, SystemCallError)
    /// A peer was heard for the first time (or again after it was forgotten).
    case peerFound(key: PublicKey, address: SocketAddress)
    /// A peer was not heard for 15 seconds and has no session: forgotten.
    case peerLost(key: PublicKey)
    /// A session finished its handshake.
    case sessionUp(SessionSummary)
    /// A session ended.
    case sessionDown(SessionSummary, reason: String)
    /// A connection to a peer failed before its session was established.
    case dialFailed(key: PublicKey, address: SocketAddress, reason: String)
    /// Entries arrive from a peer: `entries` appended from it so far in this session; `finished`
    /// once it went quiet.
    case catchUp(key: PublicKey, entries: Int, finished: Bool)
    /// An entry was appended to the log: received from a peer or posted here.
    case entry(DeliveredEntry)
    /// A peer sent an entry that is not valid; it was dropped.
    case invalidEntry(from: PublicKey, reason: String)
    /// A peer sent proof that `chain` forked; it was kept as proof.
    case fork(ChainKey)
    /// A detail for a verbose log: dropped beacons, failed handshakes, flow-control stalls.
    case detail(String)
    /// The node joined or left communities while running (its community book changed): it now
    /// beacons, accepts sessions and replicates in `joined`, and no longer in `left` (ids).
    case communitiesChanged(joined: [CommunityMembership], left: [CommunityID])
    /// A problem worth a line in any log that does not stop the node.
    case warning(String)
    /// The node stopped; `error` says why when it was not asked to.
    case stopped(error: NodeError?)

    /// Whether a person using the node should see the event at once (a warning, a failure, a
    /// fork, the node stopping), rather than in a log or a status view.
    public var isNotable: Bool {
        switch self {
        case .warning, .stopped, .linkFailed, .fork, .invalidEntry: true
        default: false
        }
    }

    /// Whether the event belongs only in a verbose log.
    public var isDetail: Bool {
        switch self {
        case .detail, .dialFailed, .entry: true
        default: false
        }
    }

    /// One line for a log, without a trailing newline.
    public var logLine: String {
        switch self {
        case .started(let sessionPort, let discoveryPort):
            "node running: sessions on TCP port \(sessionPort), discovery on UDP port \(discoveryPort)"
        case .linkUp(let link):
            "discovery up on \(link) (from \(link.source.host))"
        case .linkDown(let link):
            "discovery down on \(link)"
        case .linkFailed(let link, let error):
            "cannot use \(link) for discovery: \(error)"
        case .peerFound(let key, let address):
            "peer found: \(key.fingerprint.short) at \(address)"
        case .peerLost(let key):
            "peer lost: \(key.fingerprint.short)"
        case .sessionUp(let session):
            "session up: \(session)"
        case .sessionDown(let session, let reason):
            "session down: \(session): \(reason)"
        case .dialFailed(let key, let address, let reason):
            "connection to \(key.fingerprint.short) at \(address) failed: \(reason)"
        case .catchUp(let key, let entries, let finished):
            finished
                ? "caught up with \(key.fingerprint.short): \(entries) \(entries == 1 ? "entry" : "entries") received"
                : "catching up with \(key.fingerprint.short): \(entries) entries so far"
        case .entry(let delivered):
            "entry \(delivered.entry.id.hex.prefix(16)) by \(delivered.entry.author.fingerprint.short) #\(delivered.entry.sequence)"
        case .invalidEntry(let key, let reason):
            "invalid entry from \(key.fingerprint.short): \(reason)"
        case .fork(let chain):
            "fork recorded in the chain of \(chain.author.fingerprint.short)"
        case .communitiesChanged(let joined, let left):
            (joined.map { "joined community \($0.name) (\($0.id.hex.prefix(16)))" }
                + left.map { "left community \($0.hex.prefix(16))" })
                .joined(separator: "; ")
        case .detail(let text), .warning(let text):
            text
        case .stopped(let error):
            error.map { "node stopped: \($0)" } ?? "node stopped"
        }
    }
}

/// Which side opened a session's connection.
public enum SessionDirection: String, Sendable, Codable {
    /// The peer connected to this node: this node is the responder.
    case inbound
    /// This node connected to the peer: it is the initiator.
    case outbound
}

/// A session as events and the status describe it.
public struct SessionSummary: Sendable, Equatable, CustomStringConvertible {
    /// The peer's proven node key.
    public let key: PublicKey
    /// The peer's address.
    public let address: SocketAddress
    /// Who connected.
    public let direction: SessionDirection

    /// `3f2a-9c01 at 192.0.2.7:4100 (outbound)`.
    public var description: String {
        "\(key.fingerprint.short) at \(address) (\(direction.rawValue))"
    }
}
