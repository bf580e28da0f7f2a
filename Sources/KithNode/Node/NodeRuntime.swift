import KithControl
import KithCore
import KithMesh
import KithStorage

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

    let configuration: NodeConfiguration
    let identity: SigningKey
    /// Opens private messages to or from `identity` (its X25519 forms computed once).
    lazy var privateMessageOpener = PrivateMessageOpener(key: identity)
    let store: EntryStore
    let loop: EventLoop
    let discovery: DiscoveryService
    let sessions: SessionManager
    var engine: ReplicationEngine<StoreReplicationSource>
    /// The communities the node is in now: `configuration.communities` at start, then what the
    /// community book says after each `communities_reload` (NodeRuntime+Membership.swift).
    var communities: [CommunityKey]
    var control: ControlServer?
    var directory = PeerDirectory()
    /// When the session with each peer was last reopened to share a community its beacons
    /// showed (NodeRuntime+Membership.swift); entries older than the interval are dropped.
    var reopenedAt: [PublicKey: UInt64] = [:]
    /// Which sessions to keep (overlay.md).
    var overlay: OverlayPolicy
    /// The established session kept with each peer.
    var sessionByKey: [PublicKey: PeerHandle] = [:]
    /// The outbound connection in progress to each peer.
    var dialing: [PublicKey: PeerHandle] = [:]
    /// Entries received and not yet ingested, with the session that sent them.
    var pendingIngest: [(peer: PeerHandle, entry: Entry)] = []
    /// Sessions whose catch-up was reported finished.
    var caughtUp: Set<PeerHandle> = []
    var state = State.created
    /// Why the node stopped on its own, if it did.
    var failure: NodeError?
    /// When the node started (monotonic milliseconds).
    var startedAt: UInt64 = 0
    /// The authors the user blocked (NodeRuntime+Blocking.swift).
    var blockList = BlockList()
    /// The authors hidden from the user: still stored and relayed (NodeRuntime+Blocking.swift).
    var hiddenList = BlockList()
    /// Whether a 100 ms engine tick is scheduled (``scheduleRepairTickIfNeeded()``).
    var repairTickScheduled = false
    /// Entries peers sent, every copy (``NodeTraffic``).
    var entryCopiesReceived = 0
    /// Whether entries can be stored now, and the free bytes last measured.
    var storageCondition = StorageCondition.ok
    var storageAvailable: UInt64?
    /// Entries from peers dropped because the disk had no room for them.
    var entriesRefusedForSpace = 0
    /// The last reason an entry from a peer could not be appended, so a full disk warns once.
    var lastAppendFailureReported: String?
    /// When appending an entry from a peer last failed; storing pauses for a while after it.
    var appendFailedAt: UInt64?
    /// This node's entries signed and appended but not yet written (a full disk), in order.
    var entriesAwaitingDisk: [Entry] = []
    /// Posts signed and appended in this turn, each answered once one fsync made them all
    /// durable (NodeRuntime+Posting.swift).
    var postsAwaitingSync: [(entry: Entry, answer: (ControlResponse) -> Void)] = []
    /// Entries from datagrams of the fast path waiting for this turn's batch, and the head each
    /// of their chains will have once they are appended (NodeRuntime+FastPath.swift).
    var pendingFromDatagrams: [(entry: Entry, interfaceIndex: UInt32)] = []
    var multicastHeads: [ChainKey: (sequence: UInt64, id: EntryID)] = [:]
    /// Entries appended from datagrams since the start, and datagrams whose entry was not stored
    /// (not the next of a chain held, or invalid).
    var entriesFromDatagrams = 0
    var entryDatagramsNotStored = 0
    /// Entries this node signed since the start.
    var ownEntriesSigned = 0
    /// Sessions kept, and kept sessions ended, since the start.
    var sessionsOpened = 0
    var sessionsClosed = 0
    private let eventHandler: @Sendable (NodeEvent) -> Void

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
        discovery.shouldAnswer = { [unowned self] key in self.sessionByKey[key] == nil }
        discovery.peersHeard = { [unowned self] index in
            self.overlay.candidateCount(on: OverlayLink(index))
        }
        sessions.delegate = self
        do {
            try discovery.start()
            if let path = configuration.controlSocketPath {
                let server = try ControlServer.open(path: path, loop: loop)
                server.respond = { [unowned self] request, later in
                    self.answer(request, later: later)
                }
                server.joinsBatch = { $0.op == "post" }
                server.commitBatch = { [unowned self] in self.commitPostsAwaitingSync() }
                server.describe = { [unowned self] delivered in self.controlEntry(delivered) }
                server.communities = communities.map(\.id)
                control = server
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
