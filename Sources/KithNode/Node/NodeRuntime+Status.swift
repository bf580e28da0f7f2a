import KithControl
import KithCore
import KithMesh
import KithStorage
import KithSystem

extension NodeRuntime {
    /// What the node sees now: itself, its links, and every peer heard or connected.
    func status() -> NodeStatus {
        let now = loop.now
        var peers: [PublicKey: PeerStatus] = [:]
        let within = forgetAfter
        for heard in directory.all {
            let readingLinks = Set(
                discovery.links.filter {
                    directory.readsEntryDatagrams(
                        heard.key, onInterface: $0.interfaceIndex, now: now, within: within)
                }.map(\.interfaceName)
            ).sorted()
            peers[heard.key] = PeerStatus(
                publicKey: heard.key.hex, fingerprint: heard.key.fingerprint.full,
                displayName: displayName(of: heard.key),
                addresses: heard.addresses.map(\.description),
                lastHeardSecondsAgo: (now - min(now, heard.lastHeard)) / 1000, session: "none",
                sessionAddress: nil, sessionDirection: nil, sessionUptimeSeconds: nil,
                communities: heard.communities.map(\.id.hex), entriesReceived: 0,
                readsEntryDatagramsOn: readingLinks.isEmpty ? nil : readingLinks)
        }
        // The kept session of a peer comes last, so it is what describes the peer.
        let isKept = { (connection: Connection) -> Bool in
            connection.remoteKey.map { self.peerSessions.isKept(connection.handle, for: $0) }
                ?? false
        }
        let connections = sessions.connections.values.sorted { lhs, rhs in
            isKept(lhs) == isKept(rhs) ? lhs.handle < rhs.handle : !isKept(lhs)
        }
        for connection in connections {
            guard let key = connection.remoteKey ?? connection.expectedKey else { continue }
            var peer =
                peers[key]
                ?? PeerStatus(
                    publicKey: key.hex, fingerprint: key.fingerprint.full,
                    displayName: displayName(of: key), addresses: [], lastHeardSecondsAgo: nil,
                    session: "none", sessionAddress: nil, sessionDirection: nil,
                    sessionUptimeSeconds: nil, communities: [], entriesReceived: 0)
            peer.session = connection.state.name
            peer.sessionAddress = connection.address.description
            peer.sessionDirection = connection.direction.rawValue
            peer.sessionUptimeSeconds = connection.establishedAt.map { (now - min(now, $0)) / 1000 }
            peer.entriesReceived = connection.entriesAppended
            let shared = engine.statistics(of: connection.handle)?.sharedCommunities ?? []
            for community in shared.map(\.hex) where !peer.communities.contains(community) {
                peer.communities.append(community)
            }
            peers[key] = peer
        }
        var status = NodeStatus(
            publicKey: localKey.hex, fingerprint: localKey.fingerprint.full,
            sessionPort: sessions.port, discoveryPort: discovery.port,
            links: discovery.links.map(\.description),
            staticPeers: configuration.discovery.staticPeers.map(\.description),
            uptimeSeconds: (now - min(now, startedAt)) / 1000, entryCount: store.entryCount,
            sessionCount: peerSessions.keptCount, pendingHandshakes: sessions.pendingCount,
            droppedDatagrams: discovery.droppedDatagrams,
            traffic: NodeTraffic(
                beaconsReceived: discovery.beaconsReceived,
                entryCopiesReceived: sessionIntake.copiesReceived,
                signaturesChecked: store.signaturesChecked,
                entriesOverBudget: engine.entriesOverBudget,
                sessionBytesReceived: sessions.bytesReceived,
                sessionsOpened: peerSessions.sessionsOpened,
                sessionsClosed: peerSessions.sessionsClosed,
                ownEntriesSigned: ownEntriesSigned, logSyncs: store.logSyncCount,
                entryDatagramsSent: discovery.entryDatagrams.sent,
                entryDatagramsReceived: discovery.entryDatagrams.received,
                entriesFromDatagrams: datagramIntake.entriesAppended,
                entriesPushed: engine.entriesPushed),
            storage: NodeStorage(
                condition: storage.condition, availableBytes: storage.available,
                reserveBytes: configuration.diskReserve,
                strangerReserveBytes: configuration.strangerReserve,
                entriesRefused: storage.entriesRefused,
                problem: store.writeFailure.map { "\($0)" }),
            peers: peers.values.sorted { $0.publicKey < $1.publicKey },
            clockSkew: discovery.lastClockSkew.map { report in
                NodeClockSkew(
                    beaconsRejected: discovery.clockSkewedBeacons,
                    lastPeer: report.nodeKey.fingerprint.full,
                    lastAddress: "\(report.address)",
                    lastOffsetSeconds: report.offsetMilliseconds / 1_000, warning: report.warning)
            })
        status.loop = loop.load
        return status
    }

    /// The display name `key` set in the default community, if the log holds one.
    private func displayName(of key: PublicKey) -> String? {
        store.displayName(of: ChainKey(author: key, community: DefaultCommunity.id))?.name
    }
}
