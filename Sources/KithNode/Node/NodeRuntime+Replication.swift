import KithControl
import KithCore
import KithMesh
import KithStorage
import KithSystem

extension NodeRuntime {
    /// Performs what the engine asked, in order.
    func perform(_ actions: [ReplicationAction]) {
        loop.assertConfined()
        for action in actions {
            switch action {
            case .send(let peer, let message):
                do {
                    sessions.sendFrame(try message.encoded(), on: peer)
                } catch {
                    emit(.warning("cannot encode a \(message.type) message: \(error)"))
                }
            case .ingest(let peer, let entry):
                sessionIntake.countCopy()
                guard storage.storesEntriesFromPeers else {
                    storage.countRefused()
                    continue
                }
                sessionIntake.queue(entry, from: peer)
            case .disconnect(let peer, let reason):
                sessions.connections[peer]?.ending = reason.overlayEnding
                sessions.close(peer, reason: reason.description)
            }
        }
    }

    /// The end of every turn: decode what sessions received, ingest it in one batch with one
    /// sync (several only past the batch limit), then write what that produced.
    func afterTurn() {
        guard state == .running else {
            sessions.flushAll()
            return
        }
        // Entries that came by datagram in this turn first: a session's copy of the same entry
        // is then a duplicate, dropped before its signature is checked.
        if datagramIntake.hasPending { ingestFromDatagrams() }
        var moreWaiting = false
        for handle in sessions.connections.keys.sorted() {
            guard let connection = sessions.connections[handle], connection.isEstablished else {
                continue
            }
            // No byte waiting, no frame: most turns bring nothing to most sessions.
            guard !connection.input.isEmpty else {
                if connection.mayHoldFrames {
                    connection.updateEstablishedSession { $0.mayHoldFrames = false }
                }
                continue
            }
            let mayHoldFrames = decodeFrames(of: connection)
            connection.updateEstablishedSession { $0.mayHoldFrames = mayHoldFrames }
            moreWaiting = moreWaiting || mayHoldFrames
            if sessionIntake.pendingCount >= configuration.ingestBatchLimit { ingestPending() }
        }
        if sessionIntake.pendingCount > 0 { ingestPending() }
        guard state == .running else { return }
        closeEndedConnections()
        for connection in sessions.connections.values { sessions.updateInterest(connection) }
        sessions.flushAll()
        scheduleRepairTickIfNeeded()
        if moreWaiting { loop.requestImmediateIteration() }
    }

    /// Decodes the frames of one session that its ``FrameTurnBudget`` allows in this turn, and
    /// feeds them to the engine.
    /// Returns whether complete frames may still be waiting.
    private func decodeFrames(of connection: Connection) -> Bool {
        var budget = FrameTurnBudget()
        while budget.allowsMore {
            guard case .established(var session) = connection.state else { return false }
            let payload: [UInt8]?
            do {
                payload = try session.decoder.decode(buffer: &connection.input)
            } catch {
                connection.state = .established(session)
                perform(engine.handle(.sessionClosed(connection.handle)))
                sessions.abort(connection, reason: "frame stream failed: \(error)")
                return false
            }
            connection.state = .established(session)
            guard let payload else { return false }
            let queued = sessionIntake.pendingCount
            perform(engine.handle(.frameReceived(connection.handle, payload)))
            budget.record(
                byteCount: payload.count, queuedEntry: sessionIntake.pendingCount > queued)
        }
        return true
    }

    /// Closes sessions whose peer closed its direction, or whose connection broke, once every
    /// complete frame is decoded.
    private func closeEndedConnections() {
        for connection in sessions.connections.values.sorted(by: { $0.handle < $1.handle }) {
            guard case .established(let session) = connection.state, session.inputEnded,
                !session.mayHoldFrames
            else { continue }
            perform(engine.handle(.sessionClosed(connection.handle)))
            sessions.close(
                connection.handle, reason: session.brokenReason ?? "peer closed the connection")
        }
    }

    /// Verifies and appends the pending entries in one batch, reports the new ones and hands
    /// them to the engine, sends what that queued, and only then makes the batch durable with
    /// one sync (relay before sync); then tells the engine what became of each entry.
    func ingestPending() {
        let batch = sessionIntake.takeBatch()
        let outcomes: [AppendOutcome]
        // Where each entry came from, for the arrivals file (kith-log trace).
        let now = SystemClock.wallMilliseconds()
        let arrivals = batch.map { item in
            sessions.connections[item.peer]?.remoteKey.map {
                Arrival(source: .peer($0), time: now)
            }
        }
        do {
            outcomes = try store.ingest(entries: batch.map(\.entry), arrivals: arrivals)
        } catch {
            // Nothing of the batch is known to be stored: peers send it again once the node asks.
            emit(.warning("could not store entries from peers: \(error)"))
            checkStorage()
            return
        }
        if outcomes.contains(where: { if case .notStored = $0 { true } else { false } }) {
            // The log took the batch up to a failed append (a full disk): the rest is asked for
            // again once the node stores entries again.
            let reason = store.lastAppendFailure.map { "\($0)" } ?? "unknown"
            if storage.appendFailed(because: reason, now: loop.now) {
                emit(.warning("could not store entries from peers: \(reason)"))
            }
            checkStorage()
        }
        var order: [PeerHandle] = []
        var appended: [PeerHandle: [Entry]] = [:]
        var appendedInOrder: [Entry] = []
        var reported: [PeerHandle: [IngestOutcome]] = [:]
        for (item, outcome) in zip(batch, outcomes) {
            guard let reportable = ingestOutcome(outcome, from: item.peer) else {
                storage.countRefused()
                continue
            }
            if reported[item.peer] == nil { order.append(item.peer) }
            reported[item.peer, default: []].append(reportable)
            if case .appended(let entry) = outcome {
                appended[item.peer, default: []].append(entry)
                sessions.connections[item.peer]?.recordEntryAppended()
                appendedInOrder.append(entry)
            }
        }
        for peer in order {
            guard let entries = appended[peer], !entries.isEmpty else { continue }
            perform(engine.handle(.entriesAppended(entries, from: peer)))
        }
        // Relay before sync (replication.md, "Durability"): the entries are verified and signed
        // by others, so they go out first (to the next hop, then to `tail` clients here), and
        // are written now but made durable only on the next tick.
        sessions.flushAll()
        for entry in appendedInOrder { deliver(entry, isOwn: false) }
        writePeerEntries()
        for peer in order {
            perform(engine.handle(.entriesIngested(peer, reported[peer] ?? [])))
        }
    }

    /// The engine's view of a store outcome, or nil for an entry not stored (the engine learns of
    /// the pause from the storage condition instead); reports invalid entries and forks.
    private func ingestOutcome(_ outcome: AppendOutcome, from peer: PeerHandle) -> IngestOutcome? {
        switch outcome {
        case .appended(let entry):
            return .valid(entry.chain, .append)
        case .forkRecorded(let entry):
            emit(.fork(entry.chain))
            let head = store.state(of: entry.chain)?.headSequence ?? 0
            return .valid(entry.chain, .fork(entry.sequence <= head ? .sameSequence : .brokenLink))
        case .duplicate(let entry):
            return .valid(entry.chain, .duplicate)
        case .gap(let entry, let expected):
            return .valid(entry.chain, .gap(expected: expected))
        case .forkIgnored(let entry):
            return .valid(entry.chain, .forkIgnored)
        case .invalid(let error):
            if let key = sessions.connections[peer]?.remoteKey {
                emit(.invalidEntry(from: key, reason: "\(error)"))
            }
            return .invalid(error)
        case .notStored:
            return nil
        }
    }

    /// Reports an entry appended to the log to the owner (the chat UI prints it).
    func deliver(_ entry: Entry, isOwn: Bool) {
        let name = store.displayName(of: entry.chain)?.name
        let delivered = DeliveredEntry(entry: entry, authorName: name, isOwn: isOwn)
        control?.publish(delivered)
        emit(.entry(delivered))
    }
}
