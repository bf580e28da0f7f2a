import KithCore

/// Digests (replication.md, "Digests"): each side sends, when a session goes quiet after a change
/// and at least once a minute, a digest of its clock of each shared community; the receiver
/// answers with its chains of every bucket that differs, and the usual rules send what is missing.
extension ReplicationEngine {
    /// The digest of this node's clock of `community` for `peer`: every chain it holds, less the
    /// chains it refuses and those the peer refuses.
    func digest(of community: CommunityID, for peer: PeerHandle) -> ClockDigest {
        guard let local = localClocks[community] else { return ClockDigest() }
        var digest = local.digest
        for author in refusedInOrder where local.knows(author) {
            digest.remove(author: author, sequence: local[author])
        }
        let peerRefuses = sessions[peer]?.communities[community]?.refusedByPeer ?? []
        for author in peerRefuses where !refusedAuthors.contains(author) && local.knows(author) {
            digest.remove(author: author, sequence: local[author])
        }
        return digest
    }

    /// Whether this node sends the session's digests unasked: the side whose key is smaller, byte
    /// by byte; the other sends its own only in answer to one that differs.
    func leadsDigests(_ session: PeerSession) -> Bool {
        localKey.bytes.lexicographicallyPrecedes(session.info.remoteKey.bytes)
    }

    /// Sends each session this node leads the digests that are due: after `digestQuietDelay` of
    /// quiet following a change, or `digestInterval` after the last one.
    mutating func sendDueDigests(into actions: inout [ReplicationAction]) {
        for peer in sessionOrder {
            guard let session = sessions[peer], leadsDigests(session) else { continue }
            for community in session.sharedCommunities {
                guard var schedule = session.digests[community],
                    session.communities[community]?.isClockComplete == true
                else { continue }
                let quiet =
                    schedule.changed
                    && now - schedule.lastActivity >= configuration.digestQuietDelay
                let overdue = now - schedule.lastSent >= configuration.digestInterval
                guard quiet || overdue else { continue }
                let message = ReplicationMessage.digest(
                    community: community, digest(of: community, for: peer))
                sessions[peer]?.send(message, now: now, into: &actions)
                schedule.lastSent = now
                schedule.changed = false
                sessions[peer]?.digests[community] = schedule
            }
        }
    }

    /// A digest from `peer`: for every bucket in which it differs from this node's own digest
    /// for the peer, sends the peer this node's chains of that bucket; a node that does not lead
    /// the session's digests then sends its own digest too, so that the leader answers in turn.
    /// At most one digest per community is answered every `digestAnswerInterval`; one that
    /// arrives sooner is kept (the latest only) and answered once the interval has passed.
    mutating func receiveDigest(
        _ community: CommunityID, _ theirs: ClockDigest, from peer: PeerHandle,
        into actions: inout [ReplicationAction]
    ) {
        if let error = checkShared(community, type: .digest, peer: peer) {
            fail(peer, error, into: &actions)
            return
        }
        guard var schedule = sessions[peer]?.digests[community] else { return }
        if let last = schedule.lastAnswered, now - last < configuration.digestAnswerInterval {
            schedule.deferred = theirs
            sessions[peer]?.digests[community] = schedule
            return
        }
        answer(theirs, in: community, from: peer, into: &actions)
    }

    /// Answers the digests kept for later whose answer interval has passed.
    mutating func answerDeferredDigests(into actions: inout [ReplicationAction]) {
        for peer in sessionOrder {
            guard let session = sessions[peer] else { continue }
            for community in session.sharedCommunities {
                guard let schedule = session.digests[community],
                    let deferred = schedule.deferred
                else { continue }
                if let last = schedule.lastAnswered,
                    now - last < configuration.digestAnswerInterval
                {
                    continue
                }
                answer(deferred, in: community, from: peer, into: &actions)
            }
        }
    }

    /// Answers `theirs`: this node's chains of every bucket that differs, then (when this node
    /// does not lead) its own digest.
    private mutating func answer(
        _ theirs: ClockDigest, in community: CommunityID, from peer: PeerHandle,
        into actions: inout [ReplicationAction]
    ) {
        guard var schedule = sessions[peer]?.digests[community] else { return }
        schedule.lastAnswered = now
        schedule.deferred = nil
        sessions[peer]?.digests[community] = schedule
        let mine = digest(of: community, for: peer)
        let local = localClocks[community] ?? LocalClock([])
        let differing = mine.differingBuckets(from: theirs)
        guard !differing.isEmpty else { return }
        var items: [ClockItem] = []
        for bucket in differing {
            for item in local.items(inBucket: bucket) {
                let chain = ChainKey(author: item.author, community: community)
                items.append(advertisedItem(of: chain, for: peer))
            }
            for author in refusedInOrder
            where !local.knows(author) && ClockDigest.bucket(of: author) == bucket {
                items.append(ClockItem(author: author, sequence: Self.refusedSequence))
            }
        }
        for message in LocalClock.partialMessages(items, community: community) {
            sessions[peer]?.send(message, now: now, into: &actions)
        }
        if let session = sessions[peer], !leadsDigests(session) {
            sessions[peer]?.send(.digest(community: community, mine), now: now, into: &actions)
        }
    }

    /// The clock item this node sends `peer` for `chain`: its head (`2^64 - 1` when refused) and
    /// whether it asked the peer to push the chain.
    func advertisedItem(of chain: ChainKey, for peer: PeerHandle) -> ClockItem {
        if refusedAuthors.contains(chain.author) {
            return ClockItem(author: chain.author, sequence: Self.refusedSequence)
        }
        return ClockItem(
            author: chain.author, sequence: localHead(of: chain),
            push: isPusher(peer, of: chain))
    }
}
