import KithMesh

/// What a connection in its handshake has: this side's state machine and how many handshake bytes
/// it still expects.
struct HandshakeState {
    /// The handshake state machine of this side.
    enum Machine {
        case initiator(HandshakeInitiator)
        case responder(HandshakeResponder)
    }

    /// The state machine.
    private(set) var machine: Machine
    /// Handshake bytes still to read: exactly the messages this side expects, never more, so no
    /// frame bytes are read into the handshake.
    private(set) var bytesRemaining: Int

    /// The handshake of an outbound connection whose initiator has sent its hello: it expects the
    /// reply and the accept.
    init(initiator: HandshakeInitiator) {
        machine = .initiator(initiator)
        bytesRemaining = HandshakeFormat.replyByteCount + HandshakeFormat.acceptByteCount
    }

    /// The handshake of an accepted connection: it expects the hello and the auth.
    init(responder: HandshakeResponder) {
        machine = .responder(responder)
        bytesRemaining = HandshakeFormat.helloByteCount + HandshakeFormat.authByteCount
    }

    /// Feeds bytes read from the peer (at most ``bytesRemaining``) to the state machine and
    /// returns what it asks for.
    mutating func receive(_ bytes: [UInt8]) -> [HandshakeAction] {
        bytesRemaining -= bytes.count
        switch machine {
        case .initiator(var initiator):
            let actions = initiator.receive(bytes)
            machine = .initiator(initiator)
            return actions
        case .responder(var responder):
            let actions = responder.receive(bytes)
            machine = .responder(responder)
            return actions
        }
    }
}
