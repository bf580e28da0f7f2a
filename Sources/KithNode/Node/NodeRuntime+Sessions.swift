import KithCore
import KithMesh

extension NodeRuntime: SessionManagerDelegate {
    /// Keeps one session per peer (the duplicate rule), refuses sessions over the limit, and
    /// opens the kept one in the engine.
    func sessionEstablished(_ connection: Connection) {
        guard let key = connection.remoteKey, let community = connection.community,
            let sessionID = connection.sessionID
        else { return }
        if dialing[key] == connection.handle { dialing[key] = nil }
        guard state == .running else {
            sessions.close(connection.handle, reason: "node stopping")
            return
        }
        if let existingHandle = sessionByKey[key],
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
            if keepsNew { sessionByKey[key] = nil }
            sessions.close(loser.handle, reason: "duplicate session")
            guard keepsNew else { return }
        }
        if sessions.establishedCount > configuration.sessions.maximumSessions {
            let candidates = sessions.connections.values
                .filter { $0.phase == .established && $0.handle != connection.handle }
                .compactMap { other -> SessionEvictionPolicy.Candidate? in
                    guard let establishedAt = other.establishedAt else { return nil }
                    return .init(
                        handle: other.handle, establishedAt: establishedAt,
                        lastNewEntryAt: other.lastNewEntryAt)
                }
            guard let victim = SessionEvictionPolicy().victim(among: candidates, now: loop.now)
            else {
                sendDirect(
                    .goodbye(.tooManySessions, text: "too many sessions"), on: connection.handle)
                sessions.close(connection.handle, reason: "too many sessions")
                return
            }
            sendDirect(.goodbye(.tooManySessions, text: "making room for a new peer"), on: victim)
            perform(engine.handle(.sessionClosed(victim)))
            sessions.close(victim, reason: "making room for a new peer (session limit)")
        }
        sessionByKey[key] = connection.handle
        dialer.sessionEstablished(key)
        if let summary = connection.summary { emit(.sessionUp(summary)) }
        let info = ReplicationSessionInfo(
            peer: connection.handle, sessionID: sessionID, remoteKey: key, community: community.id)
        perform(engine.handle(.sessionOpened(info)))
        perform(
            engine.handle(
                .writable(
                    connection.handle, bufferSpace: sessions.reportRoom(of: connection.handle))))
    }

    /// The room reported to the engine, which sends more if it has more.
    func sessionWritable(_ connection: Connection, room: Int) {
        perform(engine.handle(.writable(connection.handle, bufferSpace: room)))
    }

    /// Forgets the connection everywhere; a failed dial backs off, an ended session is reported.
    func connectionClosed(_ connection: Connection, reason: String) {
        perform(engine.handle(.sessionClosed(connection.handle)))
        caughtUp.remove(connection.handle)
        if let expected = connection.expectedKey, dialing[expected] == connection.handle {
            dialing[expected] = nil
            dialer.dialFailed(expected, now: loop.now)
            emit(.dialFailed(key: expected, address: connection.address, reason: reason))
        } else if connection.establishedAt == nil {
            emit(.detail("handshake with \(connection.address) ended: \(reason)"))
        }
        guard let key = connection.remoteKey, sessionByKey[key] == connection.handle else { return }
        sessionByKey[key] = nil
        let duration = loop.now - (connection.establishedAt ?? loop.now)
        dialer.sessionEnded(key, now: loop.now, duration: duration)
        if let summary = connection.summary { emit(.sessionDown(summary, reason: reason)) }
    }
}
