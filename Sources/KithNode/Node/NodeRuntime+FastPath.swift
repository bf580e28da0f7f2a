import KithControl
import KithCore
import KithMesh
import KithStorage
import KithSystem

extension NodeRuntime {
    /// An entry datagram that passed discovery's rules (fastpath.md, "Receiving", rules 1 to 8):
    /// queued for this turn's batch when it extends a chain the log holds by exactly one entry,
    /// dropped otherwise (sessions carry what a datagram cannot: new authors, gaps, forks).
    func heardEntryDatagram(_ opened: OpenedEntryDatagram, on interfaceIndex: UInt32) {
        markSendsEntryDatagrams(opened.datagram.nodeKey)
        let entry = opened.entry
        var logHead: DatagramIntake.Head?
        if state == .running, storageCondition == .ok, !blockList.contains(entry.author),
            let held = store.state(of: entry.chain), held.forkOrdinal == nil
        {
            logHead = DatagramIntake.Head(sequence: held.headSequence, id: held.headID)
        }
        datagramIntake.offer(entry, interfaceIndex: interfaceIndex, logHead: logHead)
    }

    /// Verifies and appends the entries datagrams brought in this turn (on every core), hands
    /// the new ones to `tail` clients (what people wait for comes first), then to the engine,
    /// which pushes them on as any appended entry except to the sessions over the link each came
    /// by (fastpath.md, "Receiving"), sends what that queued, and writes them to the log (relay
    /// before sync: they are made durable on the next tick).
    func ingestFromDatagrams() {
        let batch = datagramIntake.takeBatch()
        let outcomes: [AppendOutcome]
        let now = SystemClock.wallMilliseconds()
        do {
            outcomes = try store.ingest(
                entries: batch.map(\.entry),
                arrivals: batch.map { Arrival(source: .datagram($0.entry.author), time: now) })
        } catch {
            checkStorage()
            return
        }
        var appended: [Entry] = []
        // Runs of appended entries that came by one interface, in order.
        var runs: [(interfaceIndex: UInt32, entries: [Entry])] = []
        for (item, outcome) in zip(batch, outcomes) {
            guard case .appended(let entry) = outcome else { continue }
            appended.append(entry)
            if runs.last?.interfaceIndex == item.interfaceIndex {
                runs[runs.count - 1].entries.append(entry)
            } else {
                runs.append((item.interfaceIndex, [entry]))
            }
        }
        datagramIntake.record(appended: appended.count, notStored: batch.count - appended.count)
        guard !appended.isEmpty else { return }
        for entry in appended { deliver(entry, isOwn: false) }
        for run in runs {
            let heardBy = sessionsOverLink(run.interfaceIndex)
            perform(engine.handle(.entriesAppendedFromDatagrams(run.entries, heardBy: heardBy)))
        }
        sessions.flushAll()
        writePeerEntries()
    }

    /// Notes that the node `key`, if a session with it is established, uses the fast path.
    private func markSendsEntryDatagrams(_ key: PublicKey) {
        guard let handle = peerSessions.session(with: key),
            let connection = sessions.connections[handle],
            case .established(var session) = connection.state, !session.sendsEntryDatagrams
        else { return }
        session.sendsEntryDatagrams = true
        connection.state = .established(session)
    }

    /// The established sessions that run over the interface `index` with peers that use the fast
    /// path there (their beacons from the link's group say they read its entry datagrams, or
    /// they sent this node one): they are on the link, read its group, and heard what came by it.
    private func sessionsOverLink(_ index: UInt32) -> Set<PeerHandle> {
        var handles: Set<PeerHandle> = []
        let now = loop.now
        let within = forgetAfter
        for (handle, connection) in sessions.connections {
            guard case .established(let session) = connection.state,
                session.sendsEntryDatagrams
                    || directory.readsEntryDatagrams(
                        session.remoteKey, onInterface: index, now: now, within: within),
                let local = session.localAddress,
                discovery.isOnLink(local, interfaceIndex: index)
            else { continue }
            handles.insert(handle)
        }
        return handles
    }
}
