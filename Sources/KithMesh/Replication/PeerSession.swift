import KithCore

/// Everything the replication engine keeps for one session. Its size is bounded whatever the peer
/// sends: the peer clocks by the chains the node knows plus a cap, the live queue by its limit,
/// the catch-up round, pending items and corrections by the chains the node holds.
struct PeerSession: Sendable {
    /// When a gap in a chain was last answered, and how often in a row at the same head.
    struct Correction: Sendable, Equatable {
        /// The node's head of the chain when it answered.
        var head: UInt64
        /// The answers sent at this head.
        var attempts: Int
        /// The earliest time the next answer at this head may go out.
        var nextAllowed: UInt64
    }

    /// When digests of one community go to the peer (replication.md, "Digests").
    struct DigestSchedule: Sendable, Equatable {
        /// When the last digest was sent.
        var lastSent: UInt64
        /// Whether the node's clock changed, or a clock or entry arrived, since then.
        var changed = true
        /// When the last `entry` or `clock` of the community was sent or received.
        var lastActivity: UInt64
        /// When the last digest from the peer was answered, if ever.
        var lastAnswered: UInt64?
        /// A digest from the peer that arrived within the answer interval, answered once it has
        /// passed (the latest only).
        var deferred: ClockDigest?
    }

    /// What the handshake established.
    let info: ReplicationSessionInfo
    /// The communities this node sent proofs for, in order (the handshake's first).
    let offeredCommunities: [CommunityID]
    /// Whether the peer's `communities` message has arrived.
    var hasReceivedCommunities = false
    /// The proofs of the peer's `communities` message (at most 64): a community joined later is
    /// checked against them (replication.md, "Joining and leaving").
    var receivedProofs: Set<CommunityProof> = []
    /// The shared communities, in the order of `offeredCommunities`.
    var sharedCommunities: [CommunityID] = []
    /// The state of each shared community.
    var communities: [CommunityID: PeerCommunityState] = [:]
    /// Live entries waiting for room.
    var liveQueue: LiveQueue
    /// Chains on which the peer is behind and which it asked to be pushed.
    var catchUp = ChainRoundRobin()
    /// Clock items due to the peer (notes and requests), sent when due and the session has room.
    var pendingItems = PendingItems()
    /// The bytes that may still be sent (it may go below zero: control messages are always sent).
    var bufferSpace = 0
    /// The invalid entries received so far.
    var invalidEntries = 0
    /// For each chain the peer was told this node's head of after a gap, when and how often. Only
    /// chains the node holds are listed, so its size is bounded by the node's chains.
    var corrections: [ChainKey: Correction] = [:]
    /// The digest schedule of each shared community.
    var digests: [CommunityID: DigestSchedule] = [:]
    /// When the last frame arrived, in the engine's milliseconds.
    var lastReceived: UInt64
    /// When the last frame was sent.
    var lastSent: UInt64
    /// When the peer last sent an entry this node did not hold (nil: never in this session).
    var lastDelivery: UInt64?
    /// Chains of which the peer sent a fork entry: it holds another branch, so what it holds
    /// of them never counts as more than this node holds. Bounded by the chains the node holds.
    var diverged: Set<ChainKey> = []
    /// What the peer may still deliver of strangers' entries (replication.md, "Strangers").
    var strangerBudget: TokenBucket

    init(
        info: ReplicationSessionInfo, offeredCommunities: [CommunityID], liveQueueLimit: Int,
        strangerBudget: TokenBucket, now: UInt64
    ) {
        self.info = info
        self.strangerBudget = strangerBudget
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

    /// The peer clock's value of `chain`, 0 when none (or the community is not shared).
    func held(_ chain: ChainKey) -> UInt64 {
        communities[chain.community]?.held(chain.author) ?? 0
    }

    /// What the peer holds of `chain` that can follow this node's branch: its peer clock value,
    /// or 0 when it holds another branch (or refuses the chain).
    func heldOnBranch(_ chain: ChainKey) -> UInt64 {
        let value = held(chain)
        return diverged.contains(chain) || value == .max ? 0 : value
    }

    /// Whether the peer asked for `chain` to be pushed.
    func isPushed(_ chain: ChainKey) -> Bool {
        communities[chain.community]?.isPushed(chain.author) ?? false
    }

    /// Notes that an `entry` or `clock` of `community` was sent or received at `now`; with
    /// `changed`, a digest is due once the session is quiet again.
    mutating func noteActivity(in community: CommunityID, now: UInt64, changed: Bool = true) {
        guard var schedule = digests[community] else { return }
        schedule.lastActivity = now
        if changed { schedule.changed = true }
        digests[community] = schedule
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

    /// Applies the items of a `clock` message of a shared community: each value replaces the
    /// known one with the peer's push flag; a chain no longer pushed leaves the live queue and
    /// catch-up; a pushed chain the peer is behind on is caught up once the first clock is
    /// complete, which a message of fewer than 1,024 items completes.
    mutating func applyClock(
        _ community: CommunityID, _ chains: [ClockItem], local: LocalClock, unknownLimit: Int
    ) {
        guard var state = communities.removeValue(forKey: community) else { return }
        for item in chains {
            let chain = ChainKey(author: item.author, community: community)
            guard
                state.record(
                    item.author, item.sequence, replacing: true, push: item.push, local: local,
                    unknownLimit: unknownLimit)
            else { continue }
            liveQueue.remove(chain)
            if item.push, state.isClockComplete, local[item.author] > item.sequence {
                catchUp.insert(chain)
            }
        }
        if !state.isClockComplete, chains.count < ReplicationLimits.maxClockChains {
            state.isClockComplete = true
            for item in local.items
            where state.isPushed(item.author) && item.sequence > state.held(item.author) {
                catchUp.insert(ChainKey(author: item.author, community: community))
            }
        }
        communities[community] = state
    }

    /// Offers an entry just appended to the log (the chain's head is now `entry.sequence`). When
    /// the peer asked for the chain to be pushed, the entry is queued live if the peer holds
    /// exactly the entry before it, else the chain is caught up if the peer is behind. Otherwise
    /// a note is due if the peer is behind: at `now` the first time the peer, holding none of the
    /// chain, is noted of it in this session (a new chain travels by notes), else at `noteDue`.
    /// `follows` says whether the entry directly followed the old head. When `peerHeardIt` (the
    /// entry came by a datagram on the link of this session, fastpath.md), the peer is taken to
    /// hold it: an entry that would be pushed live is not, and a note follows at `noteDue`, so a
    /// peer that lost the datagram learns of it and asks.
    mutating func offer(
        _ entry: Entry, follows: Bool, local: LocalClock, unknownLimit: Int, now: UInt64,
        noteDue: UInt64, peerHeardIt: Bool = false
    ) {
        let chain = entry.chain
        communities[chain.community]?.adopt(chain.author)
        guard let held = communities[chain.community]?.held(chain.author),
            held < entry.sequence
        else { return }
        guard communities[chain.community]?.isPushed(chain.author) == true else {
            let first =
                held == 0
                && communities[chain.community]?.markNotedAtOnce(
                    chain.author, local: local, unknownLimit: unknownLimit) == true
            pendingItems.insert(chain, request: false, due: first ? now : noteDue)
            return
        }
        // Read without keeping a copy of the state, so the update below happens in place.
        guard communities[chain.community]?.isClockComplete == true else { return }
        let holds = communities[chain.community]?.assumedHeld(chain.author) ?? held
        if peerHeardIt, follows, holds == entry.sequence - 1 {
            communities[chain.community]?.assume(chain.author, entry.sequence)
            pendingItems.insert(chain, request: false, due: noteDue)
            return
        }
        if follows, holds == entry.sequence - 1, liveQueue.append(entry) {
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
    /// complete, it asked for the chain, and it is behind `head` (a chain no longer refused).
    mutating func resumeCatchUp(_ chain: ChainKey, head: UInt64) {
        guard let state = communities[chain.community], state.isClockComplete,
            state.isPushed(chain.author), state.held(chain.author) < head
        else { return }
        catchUp.insert(chain)
    }
}
