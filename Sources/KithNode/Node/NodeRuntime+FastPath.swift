import KithControl
import KithCore
import KithMesh
import KithStorage
import KithSystem

extension NodeRuntime {
    /// An entry datagram that passed discovery's rules (fastpath.md, "Receiving", rules 1 to 8):
    /// queued for this turn's batch when it extends a chain the log holds by exactly one entry,
    /// dropped otherwise (sessions carry what a datagram cannot: new authors, gaps, forks).
    func heardEntryDatagram(_ opened: OpenedEntryDatagram) {
        let entry = opened.entry
        guard state == .running, storageCondition == .ok, !blockList.contains(entry.author),
            let held = store.state(of: entry.chain), held.forkOrdinal == nil
        else {
            entryDatagramsNotStored += 1
            return
        }
        let head = multicastHeads[entry.chain] ?? (held.headSequence, held.headID)
        guard entry.sequence == head.sequence + 1, entry.previous == head.id else {
            entryDatagramsNotStored += 1
            return
        }
        multicastHeads[entry.chain] = (entry.sequence, entry.id)
        pendingFromDatagrams.append(entry)
    }

    /// Verifies and appends the entries datagrams brought in this turn (on every core), hands
    /// the new ones to the engine, which pushes them on as any appended entry, sends what that
    /// queued, then hands them to `tail` clients and syncs the log (relay before sync).
    func ingestFromDatagrams() {
        let batch = pendingFromDatagrams
        pendingFromDatagrams.removeAll(keepingCapacity: true)
        multicastHeads.removeAll(keepingCapacity: true)
        let outcomes: [AppendOutcome]
        let now = SystemClock.wallMilliseconds()
        do {
            outcomes = try store.ingest(
                entries: batch,
                arrivals: batch.map { Arrival(source: .datagram($0.author), time: now) })
        } catch {
            checkStorage()
            return
        }
        var appended: [Entry] = []
        for outcome in outcomes {
            guard case .appended(let entry) = outcome else {
                entryDatagramsNotStored += 1
                continue
            }
            appended.append(entry)
        }
        entriesFromDatagrams += appended.count
        guard !appended.isEmpty else { return }
        perform(engine.handle(.entriesAppended(appended, from: nil)))
        sessions.flushAll()
        for entry in appended { deliver(entry, isOwn: false) }
        do {
            try store.sync()
        } catch {
            checkStorage()
        }
    }
}
