import KithCore
import KithMesh
import KithSystem

/// What an established connection has: what its handshake proved, its two frame streams, how its
/// input ended, and the counters kept while frames flow.
struct EstablishedSession {
    /// The node key the peer proved.
    let remoteKey: PublicKey
    /// The community whose key the handshake used.
    let community: CommunityKey
    /// The session id the handshake derived.
    let sessionID: [UInt8]
    /// When the session was established (monotonic milliseconds).
    let establishedAt: UInt64
    /// This side's address of the connection (nil when the system could not say): which link
    /// the session runs over (fastpath.md, "Receiving").
    let localAddress: SocketAddress?
    /// Encrypts the frames sent.
    var encoder: FrameEncoder
    /// Opens the frames received.
    var decoder: FrameDecoder
    /// Whether the peer closed its direction (end of file was read), or the connection broke.
    var inputEnded = false
    /// Why the connection broke (a reset, a broken pipe) while frames it received may still wait
    /// to be decoded; nothing more is read or sent on it.
    var brokenReason: String?
    /// Whether the input may still hold complete frames that were not decoded yet.
    var mayHoldFrames = false
    /// Frame bytes queued since the engine was last told how much room the session has: the
    /// credit it has spent since (it charges itself no more than this).
    var bytesSinceRoomReport = 0
    /// Whether the peer sent this node an entry datagram during the session: it uses the fast
    /// path, so it reads the datagrams of its links too (fastpath.md, "Receiving"). A peer that
    /// never did (one run with `--no-multicast`, or behind a filter) is pushed as any peer.
    var sendsEntryDatagrams = false
    /// Entries from this peer appended to the log in this session.
    var entriesAppended = 0
    /// The entry count reported in the last catch-up event.
    var entriesReported = 0
    /// The entry count at the last catch-up check.
    var entriesChecked = -1

    /// The session a handshake with `outcome` established at `now`, over a connection whose
    /// address on this side is `localAddress`.
    init(_ outcome: HandshakeOutcome, now: UInt64, localAddress: SocketAddress?) {
        self.localAddress = localAddress
        remoteKey = outcome.remoteKey
        community = outcome.community
        sessionID = outcome.keys.sessionID
        establishedAt = now
        encoder = outcome.keys.makeFrameEncoder()
        decoder = outcome.keys.makeFrameDecoder()
    }

    /// The state of this session once closing starts for `reason`: what it proved and counted
    /// stays for events and status; its frame streams are done.
    func closing(reason: String) -> ClosingState {
        ClosingState(
            reason: reason, remoteKey: remoteKey, establishedAt: establishedAt,
            entriesAppended: entriesAppended)
    }
}
