import KithCore
import KithMesh

extension NodeRuntime {
    /// A beacon passed: remember the peer, and connect when the dial rule says so.
    func heard(_ opened: OpenedBeacon, in datagram: ReceivedDatagram) {
        let key = opened.beacon.nodeKey
        let address = datagram.source.withPort(opened.beacon.port)
        let isNew = directory.heard(
            key, community: opened.community, address: address, now: loop.now)
        dialer.noteHeard(key, now: loop.now)
        if isNew, sessionByKey[key] == nil {
            emit(.peerFound(key: key, address: address))
        }
        considerDialing(key)
    }

    /// Dials `key` when it is heard, has no session or dial in progress, the dial rule's time has
    /// come, and the limits allow another session.
    func considerDialing(_ key: PublicKey) {
        guard state == .running, sessionByKey[key] == nil, dialing[key] == nil,
            let peer = directory[key], let address = peer.latestAddress,
            dialer.isDue(key, now: loop.now),
            sessions.establishedCount < configuration.sessions.maximumSessions
        else { return }
        if let handle = sessions.dial(key, at: address, community: peer.latestCommunity) {
            dialing[key] = handle
            emit(.detail("connecting to \(key.fingerprint.short) at \(address)"))
        } else {
            dialer.dialFailed(key, now: loop.now)
        }
    }

    /// Forgets peers not heard for 15 seconds; one with a session keeps it (and is not reported
    /// lost).
    func forgetSilentPeers() {
        for key in directory.forgetSilent(now: loop.now) {
            guard sessionByKey[key] == nil else { continue }
            if dialing[key] == nil { dialer.forget(key) }
            emit(.peerLost(key: key))
        }
    }

    /// The fewest new entries that make a catch-up progress line (fewer are only counted).
    static let catchUpReportStep = 100

    /// Reports, once a second, how many entries each session's peer sent so far while many
    /// arrive, and once per session that the peer went quiet (its catch-up is over).
    func reportCatchUp() {
        for connection in sessions.connections.values.sorted(by: { $0.handle < $1.handle }) {
            guard connection.phase == .established, let key = connection.remoteKey,
                let established = connection.establishedAt, loop.now - established >= 2_000,
                !caughtUp.contains(connection.handle)
            else { continue }
            let count = connection.entriesAppended
            if count == connection.entriesChecked {
                caughtUp.insert(connection.handle)
                emit(.catchUp(key: key, entries: count, finished: true))
            } else if count - connection.entriesReported >= Self.catchUpReportStep {
                connection.entriesReported = count
                emit(.catchUp(key: key, entries: count, finished: false))
            }
            connection.entriesChecked = count
        }
    }
}
