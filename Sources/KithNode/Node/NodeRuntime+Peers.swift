import KithCore
import KithMesh
import KithSystem

extension NodeRuntime {
    /// A beacon passed: remember the peer and its address, tell the overlay policy on which link
    /// it was heard, and act on the policy's decisions when the peer is new to it. Returns whether
    /// the peer was not remembered.
    func heard(_ opened: OpenedBeacon, in datagram: ReceivedDatagram) -> Bool {
        let key = opened.beacon.nodeKey
        let address = datagram.source.withPort(opened.beacon.port)
        let isNew = directory.heard(
            key, community: opened.community, address: address, now: loop.now,
            groupInterface: datagram.wasMulticast ? datagram.interfaceIndex : nil,
            flags: opened.beacon.flags)
        // The interface the datagram came in on, unicast or not (a static peer's is the link it
        // is reached through); static peers are wanted anyway.
        let link = OverlayLink(datagram.interfaceIndex)
        let isStatic =
            !datagram.wasMulticast && configuration.discovery.staticPeers.contains(datagram.source)
        let wasCandidate = overlay.isCandidate(key)
        overlay.heard(key, on: link, isStatic: isStatic, now: loop.now)
        if isNew, peerSessions.session(with: key) == nil {
            emit(.peerFound(key: key, address: address))
        }
        if !wasCandidate { applyOverlayDecisions() }
        reopenIfMissing(opened.community.id, with: key)
        return isNew
    }

    /// Does what the overlay policy decides now (overlay.md): dials the peers it wants, and lets
    /// go of sessions it no longer wants (the engine says `goodbye` 5 and closes them).
    func applyOverlayDecisions() {
        guard state == .running else { return }
        for action in overlay.decide(now: loop.now) {
            switch action {
            case .dial(let key):
                dial(key)
            case .close(let key, let reason):
                guard let handle = peerSessions.session(with: key) else { continue }
                emit(.detail("letting go of the session with \(key.fingerprint.short) (\(reason))"))
                perform(engine.handle(.closeRequested(handle, reason)))
            }
        }
    }

    /// Dials `key` at the address it was last heard at, with the community of its latest beacon.
    private func dial(_ key: PublicKey) {
        guard !peerSessions.isDialing(key), peerSessions.session(with: key) == nil else {
            overlay.dialEnded(key, .superseded, now: loop.now)
            return
        }
        guard let peer = directory[key], let address = peer.latestAddress else {
            overlay.dialEnded(key, .failed, now: loop.now)
            return
        }
        guard let handle = sessions.dial(key, at: address, community: peer.latestCommunity) else {
            // Too many handshakes in progress, or no socket: not the peer's fault.
            overlay.dialEnded(key, .superseded, now: loop.now)
            return
        }
        peerSessions.dialStarted(handle, to: key)
        emit(.detail("connecting to \(key.fingerprint.short) at \(address)"))
    }

    /// How long a peer is remembered without a beacon (discovery.md): `max(15 s, 4 × interval)`
    /// for the busiest link's beacon interval.
    var forgetAfter: UInt64 {
        let busiest =
            discovery.links.map { overlay.candidateCount(on: OverlayLink($0.interfaceIndex)) }
            .max() ?? 0
        return BeaconInterval.forgetAfter(heard: busiest)
    }

    /// Forgets peers not heard for ``forgetAfter``, except those with a session: they are kept
    /// (address, links, candidacy) until the session ends, and forgotten at the next pass after
    /// that if still silent (discovery.md, "Acting on beacons").
    func forgetSilentPeers() {
        let withSessions = Set(peerSessions.keptSessions.keys)
        for key in directory.forgetSilent(now: loop.now, after: forgetAfter, keeping: withSessions)
        {
            overlay.forget(key)
            emit(.peerLost(key: key))
        }
    }

    /// The fewest new entries that make a catch-up progress line (fewer are only counted).
    static let catchUpReportStep = 100

    /// Reports, once a second, how many entries each session's peer sent so far while many
    /// arrive, and once per session that the peer went quiet (its catch-up is over).
    func reportCatchUp() {
        for connection in sessions.connections.values.sorted(by: { $0.handle < $1.handle }) {
            guard case .established(let session) = connection.state,
                loop.now - session.establishedAt >= 2_000,
                !peerSessions.hasCaughtUp(connection.handle)
            else { continue }
            let key = session.remoteKey
            let count = session.entriesAppended
            if count == session.entriesChecked {
                peerSessions.caughtUp(connection.handle)
                emit(.catchUp(key: key, entries: count, finished: true))
            } else if count - session.entriesReported >= Self.catchUpReportStep {
                connection.updateEstablishedSession { $0.entriesReported = count }
                emit(.catchUp(key: key, entries: count, finished: false))
            }
            connection.updateEstablishedSession { $0.entriesChecked = count }
        }
    }
}
