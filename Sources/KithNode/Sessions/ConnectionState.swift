import KithMesh

/// Where a ``Connection`` is in its life, each phase with what it has there.
enum ConnectionState {
    /// Outbound, waiting for the TCP connect to finish; the initiator sends its hello once it
    /// does.
    case connecting(HandshakeInitiator)
    /// Exchanging the four handshake messages.
    case handshaking(HandshakeState)
    /// Frames flow both ways.
    case established(EstablishedSession)
    /// Sending what is queued (a `goodbye`) before closing; nothing more is read.
    case closing(ClosingState)

    /// The phase's name, as status reports it.
    var name: String {
        switch self {
        case .connecting: "connecting"
        case .handshaking: "handshaking"
        case .established: "established"
        case .closing: "closing"
        }
    }
}
