import KithCore

extension ReplicationEngine {
    /// Entries appended to the log: raises the node's clock, marks the sender as holding them,
    /// queues each live for every session whose peer holds exactly the entry before it (or
    /// schedules catch-up when the peer is further behind), then sends what room allows.
    mutating func appendEntries(
        _ entries: [Entry], from origin: PeerHandle?, into actions: inout [ReplicationAction]
    ) {
        for entry in entries {
            let chain = entry.chain
            guard localClocks[chain.community] != nil else { continue }
            let head = localHead(of: chain)
            // Stale or out of order (a fork is never reported here): the log knows better.
            guard entry.sequence > head else { continue }
            localClocks[chain.community]?.advance(chain.author, to: entry.sequence)
            guard let local = localClocks[chain.community] else { continue }
            let limit = configuration.unknownAuthorLimit
            if let origin {
                sessions[origin]?.recordHeld(
                    chain, entry.sequence, local: local, unknownLimit: limit)
            }
            if refusedAuthors.contains(chain.author) { continue }  // Never sent: not offered.
            for peer in sessionOrder {
                sessions[peer]?.offer(
                    entry, follows: entry.sequence == head + 1, local: local, unknownLimit: limit)
            }
        }
        for peer in sessionOrder {
            pump(peer, into: &actions)
        }
    }

    /// Sends to `peer` while its outgoing buffer has room: live entries first, then catch-up,
    /// one chain at a time in turn, each in sequence order, read from the source.
    mutating func pump(_ peer: PeerHandle, into actions: inout [ReplicationAction]) {
        guard var session = sessions.removeValue(forKey: peer) else { return }
        defer { sessions[peer] = session }
        while session.bufferSpace > 0 {
            if let entry = session.liveQueue.popFirst() {
                if !refusedAuthors.contains(entry.author) {
                    session.send(.entry(entry.bytes), now: now, into: &actions)
                }
                continue
            }
            guard let chain = session.catchUp.popFirst() else { break }
            catchUpTurn(chain, session: &session, into: &actions)
        }
    }

    /// One catch-up turn for `chain`: sends the entries after what the peer holds, up to a batch
    /// or the room left, and puts the chain back in line when the peer is still behind.
    private func catchUpTurn(
        _ chain: ChainKey, session: inout PeerSession, into actions: inout [ReplicationAction]
    ) {
        guard !refusedAuthors.contains(chain.author),
            let held = session.communities[chain.community]?.held(chain.author),
            let local = localClocks[chain.community]
        else { return }
        let mine = local[chain.author]
        guard held < mine else { return }
        let roomFor = session.bufferSpace / EntryFormat.minEntrySize + 1
        let wanted = min(mine - held, UInt64(max(1, configuration.catchUpBatch)))
        let limit = min(Int(wanted), roomFor)
        var next = held + 1
        for entry in source.entries(of: chain, from: next, limit: limit) {
            // A source that does not follow its contract ends the turn; the chain is retried when
            // the log or the peer clock changes again.
            guard entry.sequence == next, entry.chain == chain else { return }
            session.send(.entry(entry.bytes), now: now, into: &actions)
            session.communities[chain.community]?.record(
                chain.author, next, replacing: false, local: local,
                unknownLimit: configuration.unknownAuthorLimit)
            next += 1
            if session.bufferSpace <= 0 { break }
        }
        if next == held + 1 { return }  // The source holds nothing more: nothing to retry.
        if next <= mine { session.catchUp.insert(chain) }
    }
}
