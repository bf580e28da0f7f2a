import KithCore
import KithMesh

extension NodeRuntime: SessionManagerDelegate {
    /// Keeps one session per peer (the duplicate rule of sessions.md), asks the overlay policy
    /// whether to keep the session (overlay.md, "Accepting sessions"), and opens the kept one in
    /// the engine.
    func sessionEstablished(_ connection: Connection, _ session: EstablishedSession) {
        let key = session.remoteKey
        let community = session.community
        peerSessions.dialEnded(connection.handle, to: key)
        guard state == .running else {
            sessions.close(connection.handle, reason: "node stopping")
            return
        }
        guard holds(community.id) else {
            // Its handshake used a community left meanwhile (communities.md).
            connection.ending = .superseded
            sendDirect(
                .goodbye(.communitiesChanged, text: "communities changed"), on: connection.handle)
            sessions.close(connection.handle, reason: "communities changed")
            return
        }
        if let existingHandle = peerSessions.session(with: key),
            let existing = sessions.connections[existingHandle],
            let existingInitiator = existing.initiatorKey(localKey: localKey),
            let newInitiator = connection.initiatorKey(localKey: localKey)
        {
            let keepsNew = DuplicateSessionRule.keepsNew(
                existingInitiator: existingInitiator, newInitiator: newInitiator)
            let loser = keepsNew ? existing : connection
            sendDirect(.goodbye(.duplicateSession, text: "duplicate session"), on: loser.handle)
            perform(engine.handle(.sessionClosed(loser.handle)))
            emit(
                .detail(
                    "closing duplicate session with \(key.fingerprint.short) (\(loser.direction.rawValue))"
                ))
            if keepsNew {
                peerSessions.endSession(with: key)
                overlay.sessionEnded(key, .superseded, now: loop.now)
            } else if connection.direction == .outbound {
                overlay.dialEnded(key, .superseded, now: loop.now)
            }
            sessions.close(loser.handle, reason: "duplicate session")
            guard keepsNew else { return }
        }
        let direction: OverlayDirection = connection.direction == .outbound ? .outbound : .inbound
        guard overlay.admit(key, direction: direction, now: loop.now) == .keep else {
            sendDirect(.goodbye(.tooManySessions, text: "too many sessions"), on: connection.handle)
            sessions.close(connection.handle, reason: "too many sessions")
            return
        }
        peerSessions.keep(connection.handle, for: key)
        emit(.sessionUp(connection.summary(remoteKey: key)))
        let info = ReplicationSessionInfo(
            peer: connection.handle, sessionID: session.sessionID, remoteKey: key,
            community: community.id)
        perform(engine.handle(.sessionOpened(info)))
        perform(
            engine.handle(
                .writable(
                    connection.handle, bufferSpace: sessions.reportRoom(of: connection.handle))))
        applyOverlayDecisions()
    }

    /// The room reported to the engine, which sends more if it has more.
    func sessionWritable(_ connection: Connection, room: Int) {
        perform(engine.handle(.writable(connection.handle, bufferSpace: room)))
    }

    /// Forgets the connection everywhere, and tells the overlay policy how the dial or the session
    /// ended: a failure or a refusal puts the peer in backoff; a replacement is dialed.
    func connectionClosed(_ connection: Connection, reason: String) {
        perform(engine.handle(.sessionClosed(connection.handle)))
        peerSessions.connectionClosed(connection.handle)
        let ending = connection.ending ?? .failed
        if let expected = connection.expectedKey,
            peerSessions.dialEnded(connection.handle, to: expected)
        {
            overlay.dialEnded(expected, ending, now: loop.now)
            emit(.dialFailed(key: expected, address: connection.address, reason: reason))
        } else if connection.establishedAt == nil {
            emit(.detail("handshake with \(connection.address) ended: \(reason)"))
        }
        if let key = connection.remoteKey,
            peerSessions.endSession(with: key, handle: connection.handle)
        {
            overlay.sessionEnded(key, ending, now: loop.now)
            emit(.sessionDown(connection.summary(remoteKey: key), reason: reason))
        }
        applyOverlayDecisions()
    }
}

extension DisconnectReason {
    /// How the overlay policy counts a session the engine closed for this reason.
    var overlayEnding: OverlayEnding {
        switch self {
        case .peerSaidGoodbye(.tooManySessions, _): .refused
        case .peerSaidGoodbye(.shutdown, _), .peerSaidGoodbye(.rebalancing, _),
            .peerSaidGoodbye(.duplicateSession, _), .peerSaidGoodbye(.communitiesChanged, _),
            .closedLocally:
            .normal
        case .protocolError, .tooManyInvalidEntries, .idleTimeout, .peerSaidGoodbye:
            .failed
        }
    }
}
