import KithControl
import KithCore
import KithMesh
import KithStorage
import KithSystem

/// The loop-confined heart of a ``Node``: store, replication engine, discovery, sessions and the
/// peer policy between them. Every method runs on the loop thread (or before the loop starts).
final class NodeRuntime {
    /// Where the runtime is in its life.
    enum State {
        case created
        case running
        case stopping
        case stopped
    }

    // MARK: Collaborators: held for good, each keeping its own state

    let configuration: NodeConfiguration
    /// The node's key: signs its entries (``appendOwn(contentType:content:in:)``).
    private let identity: SigningKey
    let store: EntryStore
    let loop: EventLoop
    let discovery: DiscoveryService
    let sessions: SessionManager
    /// Whether entries can be stored now (NodeRuntime+Storage.swift measures, it decides).
    let storage: StorageWatch
    /// Paces the sessions reopened to share a community (NodeRuntime+Membership.swift).
    let reopenings = ReopenLimiter()
    private let eventHandler: @Sendable (NodeEvent) -> Void

    // MARK: State only this file changes

    /// Read by nearly every extension (each checks that the node runs).
    private(set) var state = State.created
    /// Why the node stopped on its own, if it did. Read by ``Node`` once the loop ended.
    private(set) var failure: NodeError?
    /// When the node started (monotonic milliseconds). Read by ``status()``.
    private(set) var startedAt: UInt64 = 0
    /// The control socket, while the node serves one. Read by ``deliver(_:isOwn:)`` and
    /// ``changeCommunities(to:)`` (other files), which tell it of entries and communities.
    private(set) var control: ControlServer?
    /// Answers the control socket's requests; there is one when there is a control socket.
    private var controlService: ControlService?
    /// The authors the user blocked (``loadBlockList()``, then the control service's `block`).
    /// Read by the fast path (NodeRuntime+FastPath.swift), which drops their datagrams.
    private(set) var blockList = BlockList()
    /// The authors hidden from the user: still stored and relayed.
    private var hiddenList = BlockList()
    /// Whether a 100 ms engine tick is scheduled (``scheduleRepairTickIfNeeded()``).
    private var repairTickScheduled = false
    /// This node's entries signed and appended but not yet written (a full disk), in order.
    private var entriesAwaitingDisk: [Entry] = []
    /// Entries this node signed since the start. Read by ``status()`` (NodeRuntime+Status.swift).
    private(set) var ownEntriesSigned = 0
    /// Whether entries from peers were written to the log since it was last made durable: the
    /// next tick syncs them (``writePeerEntries()``).
    private var peerEntriesUnsynced = false

    // MARK: State the concern files still share
    //
    // The replication, session, peer, membership, status and fast-path files (NodeRuntime+*.swift)
    // drive these between calls to the session manager, so they cannot be private to this file.
    // Each owns its state instead: the engine, the directory, the overlay, the peer session table
    // and the intakes keep it private and change it only through their own methods (events in,
    // actions out for the first three); `communities` changes only through `adopt(communities:)`.

    var engine: ReplicationEngine<StoreReplicationSource>
    /// The communities the node is in now: `configuration.communities` at start, then what the
    /// community book says after each `communities_reload` (NodeRuntime+Membership.swift).
    private(set) var communities: [CommunityKey]
    var directory = PeerDirectory()
    /// Which sessions to keep (overlay.md).
    var overlay: OverlayPolicy
    /// The session kept with each peer, the dial in progress to each, and their counts.
    var peerSessions = PeerSessionTable()
    /// Entries sessions sent in this turn, waiting for the batch (NodeRuntime+Replication.swift).
    var sessionIntake = SessionIntake()
    /// Entries datagrams of the fast path brought in this turn (NodeRuntime+FastPath.swift).
    var datagramIntake = DatagramIntake()

    init(
        configuration: NodeConfiguration, identity: SigningKey, store: EntryStore,
        loop: EventLoop, events: @escaping @Sendable (NodeEvent) -> Void
    ) {
        self.configuration = configuration
        self.identity = identity
        self.store = store
        self.loop = loop
        self.eventHandler = events
        communities = configuration.communities
        storage = StorageWatch(
            reserve: configuration.diskReserve, strangerReserve: configuration.strangerReserve)
        overlay = OverlayPolicy(
            localKey: identity.publicKey, salt: SecureRandom.bytes(32),
            configuration: configuration.overlay)
        engine = ReplicationEngine(
            localKey: identity.publicKey, communities: configuration.communities,
            source: StoreReplicationSource(store: store), configuration: configuration.replication,
            now: loop.now)
        sessions = SessionManager(
            configuration: configuration.sessions, identity: identity,
            communities: configuration.communities, loop: loop, emit: { events($0) })
        discovery = DiscoveryService(
            configuration: configuration.discovery, nodeKey: identity.publicKey,
            communities: configuration.communities, sessionPort: 0, loop: loop,
            emit: { events($0) })
    }

    /// Reports `event` to the node's owner.
    func emit(_ event: NodeEvent) {
        eventHandler(event)
    }

    /// The node's key.
    var localKey: PublicKey { identity.publicKey }

    // MARK: Starting and stopping

    /// Opens the listener, the discovery sockets and the control socket, and arms the timers.
    /// Runs before the loop thread starts.
    func start() throws(NodeError) {
        try loadBlockList()
        try sessions.start()
        discovery.sessionPort = sessions.port
        discovery.onBeacon = { [unowned self] beacon, datagram in
            self.heard(beacon, in: datagram)
        }
        discovery.onEntryDatagram = { [unowned self] opened, interfaceIndex in
            self.heardEntryDatagram(opened, on: interfaceIndex)
        }
        discovery.shouldAnswer = { [unowned self] key in self.peerSessions.session(with: key) == nil
        }
        discovery.peersHeard = { [unowned self] index in
            self.overlay.candidateCount(on: OverlayLink(index))
        }
        sessions.delegate = self
        do {
            try discovery.start()
            if let path = configuration.controlSocketPath {
                let server = try ControlServer.open(path: path, loop: loop)
                let service = ControlService(
                    host: self, store: store, identity: identity,
                    blockListPath: configuration.blockListPath,
                    hiddenListPath: configuration.hiddenListPath,
                    communityBookPath: configuration.communityBookPath)
                service.serve(server)
                server.communities = communities.map(\.id)
                control = server
                controlService = service
            }
        } catch {
            sessions.stop()
            discovery.stop()
            throw error
        }
        loop.addIterationHook { [unowned self] in self.afterTurn() }
        startedAt = loop.now
        checkStorage()
        state = .running
        scheduleTick()
        emit(.started(sessionPort: sessions.port, discoveryPort: discovery.port))
        carryOwnName()
    }

    /// Once a second: the engine's keepalive, digests and repairs, silent peers forgotten, the
    /// overlay's decisions (dials that became due, replacements), catch-up progress. While the engine waits to repair a stalled chain it is
    /// also ticked every 100 ms in between, so that its waits of a second are kept closely.
    private func scheduleTick() {
        loop.schedule(after: 1_000) { [unowned self] in
            guard self.state == .running else { return }
            self.checkStorage()
            self.syncPeerEntries()
            // The arrivals and signed sequences written since the last tick become durable: a
            // commit of the log costs one fdatasync, not three.
            self.store.syncRecords()
            self.perform(self.engine.handle(.tick(now: self.loop.now)))
            self.forgetSilentPeers()
            self.applyOverlayDecisions()
            self.reportCatchUp()
            self.scheduleTick()
        }
    }

    /// Ticks the engine 100 ms from now, and again every 100 ms while it wants frequent ticks (a
    /// stalled chain waits for a second or more; a 1 s tick alone could nearly double that).
    /// Called at the end of every turn of the loop; does nothing when a tick is already due.
    func scheduleRepairTickIfNeeded() {
        guard state == .running, engine.wantsFrequentTicks, !repairTickScheduled else { return }
        repairTickScheduled = true
        loop.schedule(after: 100) { [unowned self] in
            self.repairTickScheduled = false
            guard self.state == .running else { return }
            self.perform(self.engine.handle(.tick(now: self.loop.now)))
            self.scheduleRepairTickIfNeeded()
        }
    }

    /// Begins a clean stop: goodbyes to every session, no new connections, then (once the
    /// goodbyes are sent, or the grace period passed) the store is closed and the loop stops.
    func stop(because error: NodeError? = nil) {
        if failure == nil { failure = error }
        guard state == .running else { return }
        state = .stopping
        discovery.stop()
        sessions.stopListening()
        control?.stop()
        control = nil
        for connection in sessions.connections.values.sorted(by: { $0.handle < $1.handle }) {
            switch connection.state {
            case .established:
                sendDirect(.goodbye(.shutdown, text: "node stopping"), on: connection.handle)
                perform(engine.handle(.sessionClosed(connection.handle)))
                sessions.close(connection.handle, reason: "node stopping")
            case .connecting, .handshaking:
                sessions.abort(connection, reason: "node stopping")
            case .closing:
                break
            }
        }
        sessions.flushAll()
        let deadline = loop.now + configuration.stopGracePeriod
        waitForSessionsToClose(until: deadline)
    }

    private func waitForSessionsToClose(until deadline: UInt64) {
        guard sessions.connections.isEmpty || loop.now >= deadline else {
            loop.schedule(after: 20) { [unowned self] in
                self.waitForSessionsToClose(until: deadline)
            }
            return
        }
        finishStopping()
    }

    private func finishStopping() {
        sessions.stop()
        do {
            try store.close()
        } catch {
            if failure == nil { failure = .store(error) }
        }
        state = .stopped
        emit(.stopped(error: failure))
        loop.stop()
    }

    /// Closes everything at once without goodbyes: after a failed start, or when the loop broke.
    func abandon() {
        discovery.stop()
        control?.stop()
        control = nil
        sessions.stop()
        if state != .stopped {
            try? store.close()
        }
        state = .stopped
    }

    /// Encodes `message` and sends it on `handle` without the engine (goodbyes of sessions the
    /// engine never opened or already forgot).
    func sendDirect(_ message: ReplicationMessage, on handle: PeerHandle) {
        guard let bytes = try? message.encoded() else { return }
        sessions.sendFrame(bytes, on: handle)
    }
}

// MARK: - Posting

extension NodeRuntime {
    /// Signs and appends this node's next entry in `community` (fsynced before it returns), then
    /// hands it to the engine, which pushes it to every session that is current. Posts waiting
    /// for their batch's sync (``ControlService``) are committed first, so the node's entries go
    /// out in order.
    func publish(contentType: ContentType, content: [UInt8], in community: CommunityID)
        -> Result<Entry, NodeError>
    {
        loop.assertConfined()
        controlService?.commitPostsAwaitingSync()
        let entry: Entry
        switch appendOwn(contentType: contentType, content: content, in: community) {
        case .success(let appended): entry = appended
        case .failure(let error): return .failure(error)
        }
        return commitOwn([entry]).map { entry }
    }

    /// Signs and appends this node's next entry in `community` without waiting for the disk;
    /// the caller commits it (``commitOwn(_:)``, for a batch of posts) before anyone
    /// may see it: sign after sync (Protocol/replication.md).
    func appendOwn(contentType: ContentType, content: [UInt8], in community: CommunityID)
        -> Result<Entry, NodeError>
    {
        guard state == .running else { return .failure(.notRunning) }
        guard holds(community) else {
            return .failure(.cannotPost("the node is not in community \(community.hex.prefix(16))"))
        }
        do {
            let entry = try store.appendOwn(
                contentType: contentType, content: content, in: community, by: identity,
                timestamp: SystemClock.wallMilliseconds())
            ownEntriesSigned += 1
            return .success(entry)
        } catch {
            checkStorage()
            return .failure(.cannotPost("\(error)"))
        }
    }

    /// Makes this node's appended `entries` durable with one fsync, then sends them to peers and
    /// `tail` clients; on failure they wait for the disk (``notDurable(_:_:)``).
    func commitOwn(_ entries: [Entry]) -> Result<Void, NodeError> {
        do {
            try store.commitOwn(entries)
        } catch {
            return .failure(notDurable(entries, error))
        }
        // The log's one fdatasync made the entries from peers before these durable too.
        peerEntriesUnsynced = false
        announce(entries)
        return .success(())
    }

    /// What happens when this node's appended entries could not be made durable (a full disk):
    /// they wait, readable but unsent, until the log is written (never sent before: sign after
    /// sync), and the node says so in its status.
    private func notDurable(_ entries: [Entry], _ error: StoreError) -> NodeError {
        entriesAwaitingDisk.append(contentsOf: entries)
        checkStorage()
        return .cannotPost("\(StoreError.notDurable(entries[entries.count - 1], error))")
    }

    /// Writes the entries from peers appended in this turn to the log file and leaves making
    /// them durable to the next tick (replication.md, "Durability"): a crash of the node loses
    /// none of them, a crash of the machine at most a second of them, which peers hand back; a
    /// stream of entries from peers costs one fdatasync a second, not one a turn.
    func writePeerEntries() {
        peerEntriesUnsynced = true
        do {
            try store.flush()
        } catch {
            // The entries are appended and readable, and wait in memory to be written.
            checkStorage()
        }
    }

    /// Makes the entries from peers written since the last sync durable (once a second).
    private func syncPeerEntries() {
        guard peerEntriesUnsynced else { return }
        peerEntriesUnsynced = false
        do {
            try store.sync()
        } catch {
            checkStorage()
        }
    }

    /// Makes `keys` the communities the node is in, for the runtime, the session manager (its
    /// handshakes) and the control server (its checks of requests) at once.
    func adopt(communities keys: [CommunityKey]) {
        communities = keys
        sessions.communities = keys
        control?.communities = keys.map(\.id)
    }

    /// Hands this node's durable `entries` to the link (one datagram each) and to `tail`
    /// clients, then to the engine, after any that waited for the disk. The datagram goes first:
    /// it is what other people wait for.
    private func announce(_ entries: [Entry]) {
        announceEntriesWritten()
        for entry in entries {
            discovery.multicast(entry)
            deliver(entry, isOwn: true)
        }
        perform(engine.handle(.entriesAppended(entries, from: nil)))
        sessions.flushAll()
    }
}

extension NodeRuntime {
    /// Sends the node's own entries that waited for the disk, once the log is durable again.
    func announceEntriesWritten() {
        guard store.writeFailure == nil, !entriesAwaitingDisk.isEmpty else { return }
        let written = entriesAwaitingDisk
        entriesAwaitingDisk.removeAll()
        for entry in written {
            discovery.multicast(entry)
            deliver(entry, isOwn: true)
        }
        perform(engine.handle(.entriesAppended(written, from: nil)))
    }
}

// MARK: - The block lists

extension NodeRuntime {
    /// Reads the block and hidden lists, if configured, and has the engine refuse the blocked
    /// authors. Runs at start, before any session: a list that cannot be read stops the start.
    func loadBlockList() throws(NodeError) {
        do {
            if let path = configuration.blockListPath {
                blockList = try BlockListFile(path: path).load()
            }
            if let path = configuration.hiddenListPath {
                hiddenList = try BlockListFile(path: path).load()
            }
        } catch {
            throw .blockList(error)
        }
        perform(engine.handle(.refusedAuthorsChanged(blockList.keys)))
    }

}

// MARK: - What the fast path reads

extension NodeRuntime {
    /// Whether entries can be stored now: the fast path stores datagrams' entries only when the
    /// disk has room for everyone's (NodeRuntime+FastPath.swift).
    var storageCondition: StorageCondition { storage.condition }
}

// MARK: - What the control service sees

extension NodeRuntime: ControlServiceHost {
    var isRunning: Bool { state == .running }

    var communityIDs: [CommunityID] { communities.map(\.id) }

    var authorLists: (blocked: BlockList, hidden: BlockList) { (blockList, hiddenList) }

    /// The keys of the peers with an established session that shares `community`.
    func onlineKeys(in community: CommunityID) -> Set<PublicKey> {
        var keys: Set<PublicKey> = []
        for (key, handle) in peerSessions.keptSessions
        where sessions.connections[handle]?.isEstablished == true
            && engine.statistics(of: handle)?.sharedCommunities.contains(community) == true
        {
            keys.insert(key)
        }
        return keys
    }

    func reach(of chain: ChainKey, through sequence: UInt64) -> (holders: Int, reached: Bool) {
        (
            engine.holders(of: chain, through: sequence),
            engine.reached(chain.community, through: sequence)
        )
    }

    func enforce(blocked: BlockList, hidden: BlockList) {
        let refusedChanged = blocked != blockList
        blockList = blocked
        hiddenList = hidden
        if refusedChanged { perform(engine.handle(.refusedAuthorsChanged(blocked.keys))) }
    }

    func follow(_ memberships: [CommunityMembership]) -> CommunityChange {
        let change = changeCommunities(to: memberships)
        if !change.joined.isEmpty { carryOwnName() }
        return change
    }

    func inNextTurn(_ work: @escaping () -> Void) {
        _ = loop.schedule(after: 0, work)
    }
}
