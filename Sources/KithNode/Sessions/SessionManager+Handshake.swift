import KithCore
import KithMesh
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

extension SessionManager {
    /// An outbound connect finished: on success the initiator sends its hello.
    func connectFinished(_ connection: Connection) {
        let failure: SystemCallError?
        do {
            failure = try connection.socket.pendingError()
        } catch {
            failure = error
        }
        if let failure {
            abort(connection, reason: "\(failure)")
            return
        }
        guard case .connecting(var initiator) = connection.state else { return }
        let actions = initiator.start()
        connection.state = .handshaking(HandshakeState(initiator: initiator))
        perform(actions, on: connection)
        updateInterest(connection)
    }

    /// Reads at most the handshake bytes still expected and feeds them to the state machine.
    func readHandshake(_ connection: Connection) {
        guard case .handshaking(var handshake) = connection.state else { return }
        let wanted = handshake.bytesRemaining
        guard wanted > 0 else { return }
        let bytes: [UInt8]?
        do {
            bytes = try connection.socket.receive(maximumCount: wanted)
        } catch {
            abort(connection, reason: "\(error)")
            return
        }
        guard let bytes else { return }
        guard !bytes.isEmpty else {
            abort(connection, reason: "connection closed during the handshake")
            return
        }
        let actions = handshake.receive(bytes)
        connection.state = .handshaking(handshake)
        perform(actions, on: connection)
    }

    /// Sends, fails or establishes as the handshake state machine says.
    func perform(_ actions: [HandshakeAction], on connection: Connection) {
        for action in actions {
            guard connections[connection.handle] != nil else { return }
            switch action {
            case .send(let bytes):
                connection.output.append(bytes)
                flush(connection)
            case .failed(let error):
                abort(connection, reason: "handshake failed: \(error)")
            case .established(let outcome):
                establish(connection, outcome)
            }
        }
    }

    /// The handshake succeeded: the frame streams start and the delegate decides on the session.
    func establish(_ connection: Connection, _ outcome: HandshakeOutcome) {
        if let expected = connection.expectedKey, expected != outcome.remoteKey {
            abort(connection, reason: "peer proved another key than its beacon named")
            return
        }
        let session = EstablishedSession(
            outcome, now: loop.now, localAddress: try? connection.socket.localAddress())
        connection.input = ReceiveBuffer(outcome.leftover)
        connection.state = .established(session)
        if let timer = connection.timer { loop.cancel(timer) }
        connection.timer = nil
        updateInterest(connection)
        delegate?.sessionEstablished(connection, session)
    }
}
