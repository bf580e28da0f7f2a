import KithCore
import KithMesh
import KithSystem

/// One TCP connection with a peer, from connect or accept to close: its phase with what the phase
/// has (``ConnectionState``), and what every phase has: the socket, the address, the queue of bytes
/// to send. Owned by the ``SessionManager`` on the loop thread.
final class Connection {
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

    /// The phase, with what it has.
    var state: ConnectionState
    /// Received frame bytes not yet decoded (bounded by the session configuration). Only an
    /// established session fills it (the handshake reads exactly its own bytes, and a closing
    /// connection drops what arrives); it is kept here rather than in ``EstablishedSession`` so
    /// that decoding consumes it in place.
    var input = ReceiveBuffer()
    /// Bytes queued to send: handshake messages, then frames, and last a `goodbye`.
    var output = OutputBuffer()
    /// How the session ended, for the overlay policy, when the engine or the node closed it (nil:
    /// the connection broke or was closed without a goodbye: a failure). Set in any phase before
    /// the connection is closed.
    var ending: OverlayEnding?
    /// The handshake deadline while connecting or in the handshake, the close deadline while
    /// closing; nil while established.
    var timer: TimerID?

    init(
        handle: PeerHandle, socket: Socket, address: SocketAddress, direction: SessionDirection,
        expectedKey: PublicKey?, state: ConnectionState
    ) {
        self.handle = handle
        self.socket = socket
        self.address = address
        self.direction = direction
        self.expectedKey = expectedKey
        self.state = state
    }

    /// Whether the connection counts against the pending-handshake limit.
    var isPending: Bool {
        switch state {
        case .connecting, .handshaking: true
        case .established, .closing: false
        }
    }

    /// Whether frames flow both ways.
    var isEstablished: Bool {
        if case .established = state { true } else { false }
    }

    /// Whether the established session's input may still hold complete frames not decoded yet.
    var mayHoldFrames: Bool {
        if case .established(let session) = state { session.mayHoldFrames } else { false }
    }

    /// The node key the peer proved, once established (and while closing).
    var remoteKey: PublicKey? {
        switch state {
        case .connecting, .handshaking: nil
        case .established(let session): session.remoteKey
        case .closing(let closing): closing.remoteKey
        }
    }

    /// When the session was established (monotonic milliseconds), once it was.
    var establishedAt: UInt64? {
        switch state {
        case .connecting, .handshaking: nil
        case .established(let session): session.establishedAt
        case .closing(let closing): closing.establishedAt
        }
    }

    /// Entries from this peer appended to the log in this session (0 before it is established).
    var entriesAppended: Int {
        switch state {
        case .connecting, .handshaking: 0
        case .established(let session): session.entriesAppended
        case .closing(let closing): closing.entriesAppended
        }
    }

    /// Counts an entry from this peer appended to the log (an established or closing session).
    func recordEntryAppended() {
        switch state {
        case .connecting, .handshaking:
            break
        case .established(var session):
            session.entriesAppended += 1
            state = .established(session)
        case .closing(var closing):
            closing.entriesAppended += 1
            state = .closing(closing)
        }
    }

    /// Changes the established session with `change` and returns what it returns; does nothing
    /// and returns nil in any other phase. `change` must not reach the connection's state (the
    /// session is written back when it returns).
    @discardableResult
    func updateEstablishedSession<Result>(_ change: (inout EstablishedSession) -> Result)
        -> Result?
    {
        guard case .established(var session) = state else { return nil }
        defer { state = .established(session) }
        return change(&session)
    }

    /// The key of the node that opened the connection, once the peer's key is known.
    func initiatorKey(localKey: PublicKey) -> PublicKey? {
        direction == .outbound ? localKey : remoteKey
    }

    /// The session as events describe it, with the key the peer proved.
    func summary(remoteKey: PublicKey) -> SessionSummary {
        SessionSummary(key: remoteKey, address: address, direction: direction)
    }
}
