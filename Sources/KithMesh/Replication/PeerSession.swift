import KithCore

/// Everything the replication engine keeps for one session. Its size is bounded whatever the peer
/// sends: the peer clocks by the chains the node knows plus a cap, the live queue by its limit,
/// the catch-up round by the chains the node holds.
struct PeerSession: Sendable {
    /// What the handshake established.
    let info: ReplicationSessionInfo
    /// The communities this node sent proofs for, in order (the handshake's first).
    let offeredCommunities: [CommunityID]
    /// Whether the peer's `communities` message has arrived.
    var hasReceivedCommunities = false
    /// The shared communities, in the order of `offeredCommunities`.
    var sharedCommunities: [CommunityID] = []
    /// The state of each shared community.
    var communities: [CommunityID: PeerCommunityState] = [:]
    /// Live entries waiting for room.
    var liveQueue: LiveQueue
    /// Chains on which the peer is behind.
    var catchUp = ChainRoundRobin()
    /// The bytes that may still be sent (it may go below zero: control messages are always sent).
    var bufferSpace = 0
    /// The invalid entries received so far.
    var invalidEntries = 0
    /// For each chain the peer was told this node's head of after a gap, that head. A chain is
    /// corrected again only once its head moved, so a peer whose entries can never follow (the
    /// other branch of a fork) is not asked to resend them forever. Only chains the node holds
    /// are listed, so its size is bounded by the node's chains.
    var corrections: [ChainKey: UInt64] = [:]
    /// When the last frame arrived, in the engine's milliseconds.
    var lastReceived: UInt64
    /// When the last frame was sent.
    var lastSent: UInt64

    init(
        info: ReplicationSessionInfo, offeredCommunities: [CommunityID], liveQueueLimit: Int,
        now: UInt64
    ) {
        self.info = info
        self.offeredCommunities = offeredCommunities
        self.liveQueue = LiveQueue(limit: liveQueueLimit)
        self.lastReceived = now
        self.lastSent = now
    }

    /// The session's handle.
    var peer: PeerHandle { info.peer }

    /// Appends a `send` of `message` and charges it to the buffer space.
    mutating func send(
        _ message: ReplicationMessage, now: UInt64, into actions: inout [ReplicationAction]
    ) {
        actions.append(.send(peer, message))
        bufferSpace -= message.encodedCount
        lastSent = now
    }

    /// Records that the peer holds `chain` up to at least `sequence` (it sent that entry, or is
    /// sent it), and drops what the live queue holds of the chain up to there.
    mutating func recordHeld(
        _ chain: ChainKey, _ sequence: UInt64, local: LocalClock, unknownLimit: Int
    ) {
        guard communities[chain.community] != nil else { return }
        communities[chain.community]?.record(
            chain.author, sequence, replacing: false, local: local, unknownLimit: unknownLimit)
        liveQueue.remove(chain, through: sequence)
    }

    /// Applies a `clock` message of a shared community: each chain's value replaces the known one,
    /// queued live entries of those chains are dropped (catch-up resends what is still missing),
    /// and a first clock that is complete starts catch-up of every chain the peer lacks.
    mutating func applyClock(
        _ community: CommunityID, _ chains: [ClockItem], local: LocalClock, unknownLimit: Int
    ) {
        guard var state = communities.removeValue(forKey: community) else { return }
        for item in chains {
            let chain = ChainKey(author: item.author, community: community)
            guard
                state.record(
                    item.author, item.sequence, replacing: true, local: local,
                    unknownLimit: unknownLimit)
            else { continue }
            liveQueue.remove(chain)
            if state.isClockComplete, local[item.author] > item.sequence { catchUp.insert(chain) }
        }
        if !state.isClockComplete, chains.count < ReplicationLimits.maxClockChains {
            state.isClockComplete = true
            for item in local.items where item.sequence > state.held(item.author) {
                catchUp.insert(ChainKey(author: item.author, community: community))
            }
        }
        communities[community] = state
    }

    /// Offers an entry just appended to the log (the chain's head is now `entry.sequence`): it is
    /// queued live when the peer holds exactly the entry before it, else the chain is caught up
    /// when the peer is behind. `follows` says whether the entry directly followed the old head.
    mutating func offer(_ entry: Entry, follows: Bool, local: LocalClock, unknownLimit: Int) {
        let chain = entry.chain
        communities[chain.community]?.adopt(chain.author)
        // Read without keeping a copy of the state, so the update below happens in place.
        guard communities[chain.community]?.isClockComplete == true,
            let held = communities[chain.community]?.held(chain.author)
        else { return }
        guard held < entry.sequence else { return }
        if follows, held == entry.sequence - 1, liveQueue.append(entry) {
            let recorded = communities[chain.community]?.record(
                chain.author, entry.sequence, replacing: false, local: local,
                unknownLimit: unknownLimit)
            if recorded == true { return }
            liveQueue.remove(chain)
        }
        catchUp.insert(chain)
    }
}

extension PeerSession {
    /// Puts `chain` back in the catch-up round when the peer's first clock of its community is
    /// complete and the peer is behind `head` (a chain no longer refused).
    mutating func resumeCatchUp(_ chain: ChainKey, head: UInt64) {
        guard let state = communities[chain.community], state.isClockComplete,
            state.held(chain.author) < head
        else { return }
        catchUp.insert(chain)
    }
}
