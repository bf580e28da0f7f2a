import KithCore

extension ReplicationEngine {
    /// Entries appended to the log: raises the node's clock, marks the sender as holding them,
    /// then, for every session, queues each entry live if the peer asked for its chain and holds
    /// exactly the entry before it (or schedules catch-up when it is further behind), or makes a
    /// note due if the peer did not ask and is behind. Then sends what room allows.
    mutating func appendEntries(
        _ entries: [Entry], from origin: PeerHandle?, heardBy: Set<PeerHandle> = [],
        into actions: inout [ReplicationAction]
    ) {
        var changed: Set<CommunityID> = []
        for entry in entries {
            let chain = entry.chain
            guard localClocks[chain.community] != nil else { continue }
            let head = localHead(of: chain)
            // Stale or out of order (a fork is never reported here): the log knows better.
            guard entry.sequence > head else { continue }
            localClocks[chain.community]?.advance(chain.author, to: entry.sequence)
            askedUnknown[chain.community]?.remove(chain.author)
            if !admittedNewChains.isEmpty { admittedNewChains.remove(chain) }
            changed.insert(chain.community)
            guard let local = localClocks[chain.community] else { continue }
            let limit = configuration.unknownAuthorLimit
            if let origin {
                sessions[origin]?.recordHeld(
                    chain, entry.sequence, local: local, unknownLimit: limit)
                sessions[origin]?.lastDelivery = now
            }
            if refusedAuthors.contains(chain.author) { continue }  // Never sent: not offered.
            let noteDue = now + noteDelay(for: chain)
            for peer in sessionOrder {
                sessions[peer]?.offer(
                    entry, follows: entry.sequence == head + 1, local: local, unknownLimit: limit,
                    now: now, noteDue: noteDue, peerHeardIt: heardBy.contains(peer))
            }
        }
        for peer in sessionOrder {
            for community in changed { sessions[peer]?.noteActivity(in: community, now: now) }
            pump(peer, into: &actions)
        }
    }

    /// Sends to `peer` while its outgoing buffer has room: its pending clock items first (they are
    /// small, and a note or a request must not wait behind a long catch-up), then live entries,
    /// then catch-up, one chain at a time in turn, each in sequence order, read from the source.
    mutating func pump(_ peer: PeerHandle, into actions: inout [ReplicationAction]) {
        guard var session = sessions.removeValue(forKey: peer) else { return }
        defer { sessions[peer] = session }
        sendItems(of: &session, into: &actions)
        while session.bufferSpace > 0 {
            if let entry = session.liveQueue.popFirst() {
                if !refusedAuthors.contains(entry.author) {
                    session.send(.entry(entry.bytes), now: now, into: &actions)
                    session.noteActivity(in: entry.community, now: now, changed: false)
                    entriesPushed += 1
                }
                continue
            }
            guard let chain = session.catchUp.popFirst() else { break }
            catchUpTurn(chain, session: &session, into: &actions)
        }
    }

    /// One catch-up turn for `chain`: sends the entries after what the peer holds, up to a batch
    /// or the room left, and puts the chain back in line when the peer is still behind. A chain
    /// the peer no longer asks for is dropped from the round.
    private func catchUpTurn(
        _ chain: ChainKey, session: inout PeerSession, into actions: inout [ReplicationAction]
    ) {
        guard !refusedAuthors.contains(chain.author), session.isPushed(chain),
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
        session.noteActivity(in: chain.community, now: now, changed: false)
        if next == held + 1 { return }  // The source holds nothing more: nothing to retry.
        if next <= mine { session.catchUp.insert(chain) }
    }

    /// How long a note of `chain` waits (replication.md, "What is sent"): `noteDelay` plus a part
    /// of it that depends on this node's key and the chain's author, so that two nodes holding
    /// the same new entry rarely note each other at the same moment, and the later one, told by
    /// the earlier, sends nothing.
    public func noteDelay(for chain: ChainKey) -> UInt64 {
        let base = configuration.noteDelay
        guard base > 0 else { return 0 }
        let spread = ClockDigest.mix(
            ClockDigest.value(author: localKey, sequence: 0)
                ^ ClockDigest.value(author: chain.author, sequence: 0))
        return base + spread % base
    }

    /// Sends every session with room the clock items that are due.
    mutating func sendPendingItems(into actions: inout [ReplicationAction]) {
        for peer in sessionOrder {
            guard var session = sessions[peer], !session.pendingItems.isEmpty else { continue }
            sendItems(of: &session, into: &actions)
            sessions[peer] = session
        }
    }

    /// Sends the session's pending clock items that are due, if it has room: requests always,
    /// notes only while the peer is still behind, grouped per community into as few `clock`
    /// messages as their number allows. A session without room keeps them (at most one per chain)
    /// until it has room again, so a peer that stops reading does not make notes pile up.
    private func sendItems(of session: inout PeerSession, into actions: inout [ReplicationAction]) {
        guard let due = session.pendingItems.nextDue, due <= now, session.bufferSpace > 0 else {
            return
        }
        var byCommunity: [CommunityID: [ClockItem]] = [:]
        for (chain, isRequest) in session.pendingItems.drain(dueBy: now) {
            guard session.communities[chain.community] != nil else { continue }
            let item = advertisedItem(of: chain, for: session.peer)
            guard isRequest || session.held(chain) < item.sequence else { continue }
            byCommunity[chain.community, default: []].append(item)
        }
        for community in session.sharedCommunities {
            guard let items = byCommunity[community] else { continue }
            for message in LocalClock.partialMessages(items, community: community) {
                session.send(message, now: now, into: &actions)
            }
            session.noteActivity(in: community, now: now, changed: false)
        }
    }
}
