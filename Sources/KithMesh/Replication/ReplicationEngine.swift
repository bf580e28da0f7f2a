import KithCore

/// The replication protocol of replication.md as a state machine with no IO: events in, actions
/// out. The IO layer around it owns sockets, the log and the clock; it feeds every event to
/// ``handle(_:)`` and performs the returned actions in order.
///
/// The engine keeps the node's own clock per community (read from the source once, then kept
/// current by ``ReplicationEvent/entriesAppended(_:from:)``) and, per session, the shared
/// communities, the peer clocks with the peer's push flags, a bounded live queue, the chains to
/// catch up on and the clock items due to the peer. Per chain it keeps the sessions it asked to
/// push the chain (its pushers) and, when a peer holds more, since when the chain made no
/// progress. It reads catch-up entries from the ``ReplicationSource`` only while a session's
/// outgoing buffer has room. Given the same events it returns the same actions: nothing depends
/// on hashing order.
public struct ReplicationEngine<Source: ReplicationSource> {
    /// A chain on which some peer is known to hold more than this node.
    struct Stall: Sendable, Equatable {
        /// Since when the chain made no progress (or since the last ask).
        var since: UInt64
        /// The node's head of the chain at `since`.
        var head: UInt64
        /// The asks made since the chain last moved.
        var attempts: Int
    }

    /// This node's key: the sender key of its community proofs.
    public let localKey: PublicKey
    /// The engine's bounds and timers.
    public let configuration: ReplicationConfiguration
    /// The node's community keys, in the order given.
    var keys: [CommunityKey]
    /// Where catch-up entries are read from.
    let source: Source
    /// The node's own clock of each community it holds.
    var localClocks: [CommunityID: LocalClock]
    /// The open sessions.
    var sessions: [PeerHandle: PeerSession] = [:]
    /// The open sessions' handles in ascending order: the order in which sessions are visited.
    var sessionOrder: [PeerHandle] = []
    /// For each chain, the sessions asked to push it, in the order asked.
    var pushers: [ChainKey: [PeerHandle]] = [:]
    /// For each session, the chains it was asked to push.
    var pushedBy: [PeerHandle: Set<ChainKey>] = [:]
    /// Per community, the authors asked for whose chain the node holds none of (bounded by
    /// ``ReplicationConfiguration/unknownAuthorLimit``).
    var askedUnknown: [CommunityID: Set<PublicKey>] = [:]
    /// The chains on which a peer holds more than this node.
    var stalls: [ChainKey: Stall] = [:]
    /// The latest time a tick reported, in milliseconds.
    var now: UInt64
    /// The nonce of the next `ping`.
    var nextPingNonce: UInt64 = 1
    /// The authors whose chains the node refuses (replication.md, "Refusing an author").
    public internal(set) var refusedAuthors: Set<PublicKey> = []
    /// `refusedAuthors` in ascending order of their hex keys: the order clocks list them in.
    var refusedInOrder: [PublicKey] = []
    /// Whether the node can store no entries from peers for now (``ReplicationEvent/storagePaused(_:)``).
    public internal(set) var isStoragePaused = false
    /// What all sessions together may still deliver of strangers' entries (replication.md,
    /// "Strangers").
    var strangerBudget: TokenBucket
    /// Per open community, how many new authors it may still gain; absent while full.
    var newAuthorBudgets: [CommunityID: TokenBucket] = [:]
    /// Chains of strangers started by an admitted entry that the log has not stored yet: their
    /// following entries take no new-author token.
    var admittedNewChains: Set<ChainKey> = []
    /// The most of this node's own chain, per community, that a peer held in a session that has
    /// ended (see ``reached(_:through:)``): one number per community, so bounded.
    var ownChainReach: [CommunityID: UInt64] = [:]
    /// Strangers' entries dropped unverified because a budget was spent, or the node keeps its
    /// room for people it knows, since the start.
    public internal(set) var entriesOverBudget = 0
    /// Entries sent live to peers that asked this node to push their chain (every copy), as
    /// opposed to catch-up and answers to requests: what a peer gets unasked-for entry by entry.
    public internal(set) var entriesPushed = 0
    /// Whether strangers' entries are refused for lack of room
    /// (``ReplicationEvent/strangerStoragePaused(_:)``).
    public internal(set) var isStrangerStoragePaused = false

    /// An engine for the node `localKey` holding `communities`, reading its log through `source`.
    /// `now` is the time of the IO layer's clock at start. The chains of `refusedAuthors` are
    /// refused from the start (replication.md, "Refusing an author"); the node's own key is never
    /// refused.
    public init(
        localKey: PublicKey,
        communities: [CommunityKey],
        source: Source,
        configuration: ReplicationConfiguration = ReplicationConfiguration(),
        now: UInt64 = 0,
        refusedAuthors: Set<PublicKey> = []
    ) {
        self.localKey = localKey
        self.refusedAuthors = refusedAuthors.subtracting([localKey])
        self.refusedInOrder = Self.ordered(self.refusedAuthors)
        self.configuration = configuration
        self.source = source
        self.now = now
        self.strangerBudget = configuration.strangers.nodeBucket(now: now)
        var keys: [CommunityKey] = []
        var clocks: [CommunityID: LocalClock] = [:]
        for key in communities where clocks[key.id] == nil {
            keys.append(key)
            clocks[key.id] = LocalClock(source.clock(of: key.id))
        }
        self.keys = keys
        self.localClocks = clocks
    }

    /// Feeds one event to the engine and returns what the IO layer must do, in order.
    public mutating func handle(_ event: ReplicationEvent) -> [ReplicationAction] {
        var actions: [ReplicationAction] = []
        switch event {
        case .sessionOpened(let info):
            openSession(info, into: &actions)
        case .sessionClosed(let peer):
            removeSession(peer)
        case .closeRequested(let peer, let reason):
            guard sessions[peer] != nil else { break }
            removeSession(peer)
            actions.append(.send(peer, .goodbye(reason, truncating: reason.description)))
            actions.append(.disconnect(peer, .closedLocally(reason)))
        case .frameReceived(let peer, let frame):
            receiveFrame(frame, from: peer, into: &actions)
        case .entriesAppended(let entries, let origin):
            appendEntries(entries, from: origin, into: &actions)
        case .entriesAppendedFromDatagrams(let entries, let heardBy):
            appendEntries(entries, from: nil, heardBy: heardBy, into: &actions)
        case .entriesIngested(let peer, let outcomes):
            ingested(outcomes, from: peer, into: &actions)
        case .writable(let peer, let bufferSpace):
            sessions[peer]?.bufferSpace = bufferSpace
            pump(peer, into: &actions)
        case .tick(let time):
            tick(time, into: &actions)
        case .refusedAuthorsChanged(let authors):
            changeRefusedAuthors(to: authors, into: &actions)
        case .storagePaused(let paused):
            pauseStorage(paused, into: &actions)
        case .strangerStoragePaused(let paused):
            pauseStrangerStorage(paused)
        case .communitiesChanged(let communities):
            changeCommunities(to: communities, into: &actions)
        }
        sendPendingItems(into: &actions)
        return actions
    }

    /// The open sessions, in ascending order.
    public var peers: [PeerHandle] { sessionOrder }

    /// Whether the engine is waiting to repair something (a stalled chain) or to send a delayed
    /// note, and wants ticks more often than once a second: the IO layer may then tick it every
    /// 100 ms or so.
    public var wantsFrequentTicks: Bool {
        !stalls.isEmpty || sessions.values.contains { !$0.pendingItems.isEmpty }
    }

    /// The head sequence of `chain` in the node's log as the engine knows it, 0 when none.
    public func localHead(of chain: ChainKey) -> UInt64 {
        localClocks[chain.community]?[chain.author] ?? 0
    }

    /// The sessions asked to push `chain`, in the order asked.
    public func pushers(of chain: ChainKey) -> [PeerHandle] {
        pushers[chain] ?? []
    }

    /// What the engine knows the session `peer` holds of `chain` (its peer clock), 0 when none.
    public func peerHeld(_ chain: ChainKey, at peer: PeerHandle) -> UInt64 {
        sessions[peer]?.held(chain) ?? 0
    }

    /// How many open sessions' peers hold `chain` through `sequence` on this node's branch:
    /// their clocks said so, or the entries were sent to them.
    public func holders(of chain: ChainKey, through sequence: UInt64) -> Int {
        sessions.values.filter { $0.heldOnBranch(chain) >= sequence }.count
    }

    /// Whether a peer held this node's own chain in `community` through `sequence` in any
    /// session since the engine started, open or ended.
    public func reached(_ community: CommunityID, through sequence: UInt64) -> Bool {
        let own = ChainKey(author: localKey, community: community)
        return ownChainReach[community] ?? 0 >= sequence
            || holders(of: own, through: sequence) > 0
    }

    /// What the engine holds for the session `peer`, or nil when it is not open.
    public func statistics(of peer: PeerHandle) -> PeerStatistics? {
        guard let session = sessions[peer] else { return nil }
        return PeerStatistics(
            sharedCommunities: session.sharedCommunities,
            peerClockChains: session.communities.values.reduce(0) { $0 + $1.chainCount },
            queuedLiveEntries: session.liveQueue.count,
            catchUpChains: session.catchUp.count,
            invalidEntries: session.invalidEntries,
            bufferSpace: session.bufferSpace,
            chainsAskedOfPeer: pushedBy[peer]?.count ?? 0)
    }

    /// Starts a session: sends proofs for the handshake's community and the others, at most 64.
    mutating func openSession(
        _ info: ReplicationSessionInfo, into actions: inout [ReplicationAction]
    ) {
        removeSession(info.peer)
        var offered: [CommunityKey] = keys.filter { $0.id == info.community }
        offered += keys.filter { $0.id != info.community }
        offered = Array(offered.prefix(ReplicationLimits.maxProofs))
        var session = PeerSession(
            info: info, offeredCommunities: offered.map(\.id),
            liveQueueLimit: configuration.liveQueueLimit,
            strangerBudget: configuration.strangers.sessionBucket(now: now), now: now)
        let proofs = offered.map {
            CommunityProof(key: $0, sessionID: info.sessionID, sender: localKey)
        }
        session.send(.communities(proofs), now: now, into: &actions)
        sessions[info.peer] = session
        let position = sessionOrder.firstIndex { $0 > info.peer } ?? sessionOrder.endIndex
        sessionOrder.insert(info.peer, at: position)
    }

    /// Forgets the session `peer`, if open: it is no longer anyone's pusher, and each chain left
    /// without one is asked of another session that holds more (rule 4).
    mutating func removeSession(_ peer: PeerHandle) {
        guard let session = sessions.removeValue(forKey: peer) else { return }
        for community in session.communities.keys {
            let held = session.heldOnBranch(ChainKey(author: localKey, community: community))
            if held > ownChainReach[community] ?? 0 { ownChainReach[community] = held }
        }
        sessionOrder.removeAll { $0 == peer }
        let chains = pushedBy.removeValue(forKey: peer) ?? []
        for chain in Self.ordered(chains) {
            pushers[chain]?.removeAll { $0 == peer }
            guard pushers[chain]?.isEmpty ?? true else { continue }
            pushers[chain] = nil
            askedUnknown[chain.community]?.remove(chain.author)
            if let best = mostAdvancedPeer(on: chain) { ask(best, for: chain) }
        }
    }

    /// The key of the community `id`, if the node holds it.
    func key(of id: CommunityID) -> CommunityKey? {
        keys.first { $0.id == id }
    }

    /// `chains` in a fixed order (community, then author, byte by byte), so that what is done
    /// for each does not depend on hashing.
    static func ordered(_ chains: some Collection<ChainKey>) -> [ChainKey] {
        chains.sorted { first, second in
            first.community == second.community
                ? first.author.bytes.lexicographicallyPrecedes(second.author.bytes)
                : first.community.bytes.lexicographicallyPrecedes(second.community.bytes)
        }
    }
}

/// An engine is a value; it can move between isolation domains when its source can.
extension ReplicationEngine: Sendable where Source: Sendable {}
