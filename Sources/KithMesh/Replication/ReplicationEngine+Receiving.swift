import KithCore

extension ReplicationEngine {
    /// Handles one frame from `peer`: decodes it and acts on the message.
    mutating func receiveFrame(
        _ frame: [UInt8], from peer: PeerHandle, into actions: inout [ReplicationAction]
    ) {
        guard sessions[peer] != nil else { return }
        sessions[peer]?.lastReceived = now
        let decoded: ReplicationMessage?
        do throws(ReplicationMessageError) {
            decoded = try ReplicationMessage.decode(frame)
        } catch {
            fail(peer, .malformed(error), into: &actions)
            return
        }
        guard let message = decoded else { return }  // An unknown type: ignored.
        switch message {
        case .communities(let proofs):
            receiveCommunities(proofs, from: peer, into: &actions)
        case .clock(let community, let chains):
            receiveClock(community, chains, from: peer, into: &actions)
        case .entry(let bytes):
            receiveEntry(bytes, from: peer, into: &actions)
        case .ping(let nonce):
            sessions[peer]?.send(.pong(nonce: nonce), now: now, into: &actions)
        case .pong:
            break
        case .goodbye(let reason, let text):
            removeSession(peer)
            actions.append(.disconnect(peer, .peerSaidGoodbye(reason, text: text)))
        case .digest(let community, let digest):
            receiveDigest(community, digest, from: peer, into: &actions)
        }
    }

    /// The peer's proofs: the shared communities are those both sides sent a proof for, plus the
    /// handshake's. Sends this node's clock of each.
    private mutating func receiveCommunities(
        _ proofs: [CommunityProof], from peer: PeerHandle, into actions: inout [ReplicationAction]
    ) {
        guard var session = sessions.removeValue(forKey: peer) else { return }
        guard !session.hasReceivedCommunities else {
            sessions[peer] = session
            fail(peer, .repeatedCommunities, into: &actions)
            return
        }
        session.hasReceivedCommunities = true
        let received = Set(proofs)
        session.receivedProofs = received
        for id in session.offeredCommunities {
            guard let key = key(of: id), let local = localClocks[id] else { continue }
            let expected = CommunityProof(
                key: key, sessionID: session.info.sessionID, sender: session.info.remoteKey)
            guard id == session.info.community || received.contains(expected) else { continue }
            session.sharedCommunities.append(id)
            session.communities[id] = PeerCommunityState()
            session.digests[id] = PeerSession.DigestSchedule(lastSent: now, lastActivity: now)
            for message in advertisedClock(of: local, community: id) {
                session.send(message, now: now, into: &actions)
            }
        }
        sessions[peer] = session
    }

    /// A clock of a shared community: updates the peer clock, its push flags and catch-up, and
    /// asks for the chains the peer holds more of (replication.md, "Choosing who pushes").
    private mutating func receiveClock(
        _ community: CommunityID, _ chains: [ClockItem], from peer: PeerHandle,
        into actions: inout [ReplicationAction]
    ) {
        if let error = checkShared(community, type: .clock, peer: peer) {
            fail(peer, error, into: &actions)
            return
        }
        let local = localClocks[community] ?? LocalClock([])
        let limit = configuration.unknownAuthorLimit
        let refusedBefore = sessions[peer]?.communities[community]?.refusedByPeer ?? []
        sessions[peer]?.applyClock(community, chains, local: local, unknownLimit: limit)
        sessions[peer]?.noteActivity(in: community, now: now)
        if !refusedBefore.isEmpty {
            noteReleased(chains, refusedBefore: refusedBefore, in: community, to: peer)
        }
        for item in chains {
            considerAsking(
                ChainKey(author: item.author, community: community), of: peer,
                holding: item.sequence)
        }
        pump(peer, into: &actions)
    }

    /// Items of chains the peer refused until now (released: its real head replaces
    /// `2^64 - 1`): each chain this node holds more of, and the peer did not ask to be pushed,
    /// is noted to the peer at once, so that it asks for what it lacks (replication.md,
    /// "Refusing an author", rule 4).
    private mutating func noteReleased(
        _ chains: [ClockItem], refusedBefore: Set<PublicKey>, in community: CommunityID,
        to peer: PeerHandle
    ) {
        for item in chains
        where refusedBefore.contains(item.author) && item.sequence != Self.refusedSequence
            && !item.push && !refusedAuthors.contains(item.author)
        {
            let chain = ChainKey(author: item.author, community: community)
            guard localHead(of: chain) > item.sequence else { continue }
            sessions[peer]?.pendingItems.insert(chain, request: false, due: now)
        }
    }

    /// An entry: one that breaks rules 1 to 5 counts as invalid at once; one of a shared community
    /// raises the peer clock (the peer holds it) and goes to the IO layer to verify and store.
    private mutating func receiveEntry(
        _ bytes: [UInt8], from peer: PeerHandle, into actions: inout [ReplicationAction]
    ) {
        if let error = checkShared(nil, type: .entry, peer: peer) {
            fail(peer, error, into: &actions)
            return
        }
        // The header first: an entry dropped below is never hashed nor verified.
        let preview: EntryPreview
        do throws(EntryError) {
            preview = try EntryPreview(bytes)
        } catch {
            countInvalid(from: peer, into: &actions)
            return
        }
        if let error = checkShared(preview.community, type: .entry, peer: peer) {
            fail(peer, error, into: &actions)
            return
        }
        let local = localClocks[preview.community] ?? LocalClock([])
        let limit = configuration.unknownAuthorLimit
        sessions[peer]?.recordHeld(
            preview.chain, preview.sequence, local: local, unknownLimit: limit)
        sessions[peer]?.noteActivity(in: preview.community, now: now)
        // A refused author's entry is dropped unverified and not counted as invalid; so is a
        // stranger's entry over budget.
        guard !refusedAuthors.contains(preview.author), admit(preview, from: peer) else { return }
        guard let entry = try? Entry(decoding: bytes) else {
            countInvalid(from: peer, into: &actions)
            return
        }
        actions.append(.ingest(peer, entry))
    }

    /// The protocol error in a `type` message of `community` from `peer`, or nil when the peer's
    /// `communities` came first and the community (if given) is shared.
    func checkShared(
        _ community: CommunityID?, type: ReplicationMessageType, peer: PeerHandle
    ) -> ReplicationProtocolError? {
        guard let session = sessions[peer] else { return nil }
        guard session.hasReceivedCommunities else { return .beforeCommunities(type) }
        if let community, session.communities[community] == nil {
            return .communityNotShared(community)
        }
        return nil
    }

    /// The outcomes of entries `peer` sent: invalid ones count against it; a duplicate from one
    /// of a chain's several pushers stops that pusher (rule 3); after a gap in a chain the node
    /// holds, the peer is sent this node's head of the chain so it resends from there, again after
    /// a doubling wait while the head does not move.
    mutating func ingested(
        _ outcomes: [IngestOutcome], from peer: PeerHandle, into actions: inout [ReplicationAction]
    ) {
        for outcome in outcomes {
            guard sessions[peer] != nil else { return }
            switch outcome {
            case .invalid:
                countInvalid(from: peer, into: &actions)
            case .valid(let chain, .duplicate):
                if isPusher(peer, of: chain), pushers(of: chain).count > 1 {
                    stopAsking(peer, for: chain)
                }
            case .valid(let chain, .gap):
                answerGap(in: chain, from: peer)
            case .valid(let chain, .fork), .valid(let chain, .forkIgnored):
                noteDiverged(peer, on: chain)
            case .valid:
                break
            }
        }
    }

    /// Sends `peer` this node's head of `chain` after a gap, unless the head did not move since
    /// the last answer and the wait after it has not passed.
    private mutating func answerGap(in chain: ChainKey, from peer: PeerHandle) {
        let head = localHead(of: chain)
        guard head > 0, !refusedAuthors.contains(chain.author),
            var session = sessions.removeValue(forKey: peer)
        else { return }
        defer { sessions[peer] = session }
        guard session.communities[chain.community] != nil else { return }
        var attempts = 1
        if let last = session.corrections[chain], last.head == head {
            guard now >= last.nextAllowed else { return }
            attempts = last.attempts + 1
        }
        let wait = min(
            configuration.maximumCorrectionDelay,
            configuration.correctionDelay << UInt64(min(attempts - 1, 16)))
        session.corrections[chain] = PeerSession.Correction(
            head: head, attempts: attempts, nextAllowed: now + wait)
        session.pendingItems.insert(chain, request: true, due: now)
    }

    /// Counts an invalid entry from `peer`; at the limit, says goodbye (reason 4) and disconnects.
    private mutating func countInvalid(
        from peer: PeerHandle, into actions: inout [ReplicationAction]
    ) {
        guard let count = sessions[peer].map({ $0.invalidEntries + 1 }) else { return }
        sessions[peer]?.invalidEntries = count
        guard count >= configuration.invalidEntryLimit else { return }
        actions.append(
            .send(peer, .goodbye(.invalidEntries, truncating: "\(count) invalid entries")))
        actions.append(.disconnect(peer, .tooManyInvalidEntries(count)))
        removeSession(peer)
    }

    /// Says goodbye (reason 3) to `peer` for `error` and disconnects.
    mutating func fail(
        _ peer: PeerHandle, _ error: ReplicationProtocolError,
        into actions: inout [ReplicationAction]
    ) {
        guard sessions[peer] != nil else { return }
        actions.append(.send(peer, .goodbye(.protocolError, truncating: error.description)))
        actions.append(.disconnect(peer, .protocolError(error)))
        removeSession(peer)
    }
}
