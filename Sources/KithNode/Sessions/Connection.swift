import KithCore
import KithMesh

/// One TCP connection with a peer, from connect or accept to close: its handshake, then its frame
/// streams and buffers. Owned by the ``SessionManager`` on the loop thread.
final class Connection {
    /// Where the connection is in its life.
    enum Phase: String {
        /// Outbound, waiting for the TCP connect to finish.
        case connecting
        /// Exchanging the four handshake messages.
        case handshaking
        /// Frames flow both ways.
        case established
        /// Sending what is queued (a `goodbye`) before closing; nothing more is read.
        case closing
    }

    /// The handshake state machine of this side.
    enum Handshake {
        case initiator(HandshakeInitiator)
        case responder(HandshakeResponder)
    }

    /// The replication engine's name for the session.
    let handle: PeerHandle
    /// The socket.
    let socket: Socket
    /// The peer's address.
    let address: SocketAddress
    /// Who connected.
    let direction: SessionDirection
    /// The key an outbound connection expects the peer to prove (from its beacon).
    let expectedKey: PublicKey?
    /// When the connection was opened (monotonic milliseconds).
    let openedAt: UInt64

    var phase: Phase
    var handshake: Handshake?
    /// Handshake bytes still to read: exactly the messages this side expects, never more, so no
    /// frame bytes are read into the handshake.
    var handshakeBytesRemaining: Int
    var encoder: FrameEncoder?
    var decoder: FrameDecoder?
    /// Received frame bytes not yet decoded (bounded by the session configuration).
    var input = ReceiveBuffer()
    /// Bytes queued to send.
    var output = OutputBuffer()
    /// Whether the peer closed its direction (end of file was read), or the connection broke.
    var inputEnded = false
    /// Why an established connection broke (a reset, a broken pipe) while frames it received may
    /// still wait to be decoded; nothing more is read or sent on it.
    var brokenReason: String?
    /// Whether the input may still hold complete frames that were not decoded yet.
    var mayHoldFrames = false
    /// Frame bytes queued since the engine was last told how much room the session has: the
    /// credit it has spent since (it charges itself no more than this).
    var bytesSinceRoomReport = 0
    /// Why a closing connection is being closed.
    var closingReason: String?
    /// How the session ended, for the overlay policy, when the engine closed it (nil: the
    /// connection broke or was closed without a goodbye: a failure).
    var ending: OverlayEnding?
    /// Whether a closing connection has shut down its sending direction.
    var hasShutDownWriting = false
    /// The handshake or close deadline.
    var timer: TimerID?
    /// What the handshake proved.
    var remoteKey: PublicKey?
    /// The community whose key the handshake used.
    var community: CommunityKey?
    /// The session id the handshake derived.
    var sessionID: [UInt8]?
    /// When the session was established.
    var establishedAt: UInt64?
    /// Entries from this peer appended to the log in this session.
    var entriesAppended = 0
    /// When this peer last gave the node an entry it did not have (monotonic milliseconds).
    var lastNewEntryAt: UInt64?
    /// The entry count reported in the last catch-up event.
    var entriesReported = 0
    /// The entry count at the last catch-up check.
    var entriesChecked = -1

    init(
        handle: PeerHandle, socket: Socket, address: SocketAddress, direction: SessionDirection,
        expectedKey: PublicKey?, phase: Phase, handshake: Handshake?, now: UInt64
    ) {
        self.handle = handle
        self.socket = socket
        self.address = address
        self.direction = direction
        self.expectedKey = expectedKey
        self.phase = phase
        self.handshake = handshake
        self.openedAt = now
        switch direction {
        case .outbound:
            handshakeBytesRemaining =
                HandshakeFormat.replyByteCount + HandshakeFormat.acceptByteCount
        case .inbound:
            handshakeBytesRemaining = HandshakeFormat.helloByteCount + HandshakeFormat.authByteCount
        }
    }

    /// Whether the connection counts against the pending-handshake limit.
    var isPending: Bool { phase == .connecting || phase == .handshaking }

    /// The key of the node that opened the connection, once the peer's key is known.
    func initiatorKey(localKey: PublicKey) -> PublicKey? {
        direction == .outbound ? localKey : remoteKey
    }

    /// The session as events describe it, once established.
    var summary: SessionSummary? {
        guard let remoteKey else { return nil }
        return SessionSummary(key: remoteKey, address: address, direction: direction)
    }
}
