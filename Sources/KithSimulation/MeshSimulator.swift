import KithCore
import KithMesh

/// Many Kith nodes in one process, deterministically: the real replication engine and overlay
/// policy of each node, driven by a discrete-event loop with a simulated clock (microseconds).
/// Beacons reach the nodes of a link after a delay and may be lost; sessions deliver frames in
/// order after a delay and at a rate; each node verifies and stores entries in batches that
/// cost time. No socket, file or wall clock is involved, and a seed fixes everything.
///
/// A run posts entries, restarts nodes and splits the network on a schedule, then checks that
/// every node holds the same entries and reports what it cost (``SimulationReport``).
public final class MeshSimulator {
    enum Event {
        case beacon(node: Int, link: Int, run: Int)
        case heard(node: Int, from: Int, link: Int, run: Int)
        case dialArrives(from: Int, to: Int, attempt: Int, run: Int)
        case dialFails(from: Int, to: Int, attempt: Int, run: Int)
        case frame(session: Int, from: Int, bytes: [UInt8])
        case closed(session: Int, side: Int)
        case ingestDone(node: Int, run: Int)
        case tick(node: Int, run: Int)
        case scheduled(Int)
    }

    /// The configuration of the run.
    public let configuration: SimulationConfiguration
    /// The community every node is in.
    public let community: CommunityKey
    var random: SimulationRandom
    var queue = EventQueue<Event>()
    var nodes: [SimulatedNode] = []
    var sessions: [SimulatedSession] = []
    var nextHandle: UInt64 = 1
    var nextAttempt = 1
    var actions: [(MeshSimulator) -> Void] = []
    /// Which group each node is in while the network is split (nil: not split).
    var groups: [Int]?
    let signatures = SignatureCache()
    /// Each node's index by its key.
    var keyIndex: [PublicKey: Int] = [:]
    /// The simulated time, in microseconds.
    public private(set) var now: UInt64 = 0
    var report = SimulationReport()

    /// A simulation of `configuration.nodeCount` nodes, all started at time 0, seeded with `seed`.
    public init(configuration: SimulationConfiguration, seed: UInt64) {
        self.configuration = configuration
        random = SimulationRandom(seed: seed)
        community = (try? CommunityKey(bytes: random.bytes(32))) ?? DefaultCommunity.key
        for index in 0..<configuration.nodeCount {
            let identity = (try? SigningKey(seed: random.bytes(32))) ?? SigningKey.generate()
            let log = SimulatedLog(signatures: signatures)
            let node = SimulatedNode(
                index: index, identity: identity, links: configuration.links(of: index), log: log,
                engine: makeEngine(identity: identity, log: log), overlay: makeOverlay(identity))
            nodes.append(node)
            keyIndex[identity.publicKey] = index
        }
        report.nodeCount = nodes.count
        for node in nodes { start(node) }
    }

    /// The number of nodes.
    public var nodeCount: Int { nodes.count }

    // MARK: Running

    /// Runs events until the simulated time reaches `time` (microseconds).
    public func run(until time: UInt64) {
        while let next = queue.nextTime, next <= time {
            guard let (eventTime, event) = queue.pop() else { break }
            now = max(now, eventTime)
            handle(event)
        }
        now = max(now, time)
    }

    /// Runs for `duration` more microseconds.
    public func run(for duration: UInt64) { run(until: now + duration) }

    /// Runs until `condition` holds, checking after every event, or until `limit` more
    /// microseconds have passed; returns whether it held.
    @discardableResult
    public func run(for limit: UInt64, until condition: () -> Bool) -> Bool {
        let deadline = now + limit
        if condition() { return true }
        while let next = queue.nextTime, next <= deadline {
            guard let (eventTime, event) = queue.pop() else { break }
            now = max(now, eventTime)
            handle(event)
            if condition() { return true }
        }
        now = max(now, deadline)
        return condition()
    }

    /// Schedules `action` at `time`; it is given the simulator.
    public func schedule(at time: UInt64, _ action: @escaping (MeshSimulator) -> Void) {
        actions.append(action)
        queue.schedule(.scheduled(actions.count - 1), at: time)
    }

    private func handle(_ event: Event) {
        switch event {
        case .beacon(let node, let link, let run):
            guard nodes[node].isUp, nodes[node].run == run else { return }
            sendBeacon(from: nodes[node], on: link)
        case .heard(let node, let from, let link, let run):
            guard nodes[node].isUp, nodes[node].run == run else { return }
            heard(nodes[from], at: nodes[node], on: link)
        case .dialArrives(let from, let to, let attempt, let run):
            dialArrives(from: from, to: to, attempt: attempt, run: run)
        case .dialFails(let from, let to, let attempt, let run):
            guard nodes[from].isUp, nodes[from].run == run, nodes[from].dialing[to] == attempt
            else { return }
            nodes[from].dialing[to] = nil
            nodes[from].overlay.dialEnded(nodes[to].identity.publicKey, .failed, now: milliseconds)
            decide(nodes[from])
        case .frame(let session, let from, let bytes):
            deliverFrame(bytes, on: sessions[session], from: from)
        case .closed(let session, let side):
            remoteClosed(sessions[session], side: side)
        case .ingestDone(let node, let run):
            guard nodes[node].isUp, nodes[node].run == run else { return }
            finishIngest(at: nodes[node])
        case .tick(let node, let run):
            guard nodes[node].isUp, nodes[node].run == run else { return }
            tick(nodes[node])
        case .scheduled(let index):
            actions[index](self)
        }
    }

    /// The simulated time in the engines' milliseconds.
    var milliseconds: UInt64 { now / 1_000 }

    /// A random delay from the configured range.
    func drawLatency() -> UInt64 {
        UInt64.random(in: configuration.latency, using: &random)
    }

    // MARK: Nodes

    func makeEngine(identity: SigningKey, log: SimulatedLog) -> ReplicationEngine<SimulatedLog> {
        ReplicationEngine(
            localKey: identity.publicKey, communities: [community], source: log,
            configuration: configuration.replication, now: now / 1_000)
    }

    func makeOverlay(_ identity: SigningKey) -> OverlayPolicy {
        OverlayPolicy(
            localKey: identity.publicKey, salt: random.bytes(32),
            configuration: configuration.overlay)
    }

    /// Starts `node`'s run: beacons at once on every link, ticks from now on.
    private func start(_ node: SimulatedNode) {
        node.isUp = true
        node.run += 1
        for link in node.links {
            queue.schedule(.beacon(node: node.index, link: link, run: node.run), at: now)
        }
        let offset = UInt64.random(in: 0..<1_000_000, using: &random)
        queue.schedule(.tick(node: node.index, run: node.run), at: now + offset)
    }

    /// Stops `node` as a crash would: its sessions break (peers see the connection reset), what it
    /// had not stored is lost; its log stays.
    public func crash(_ index: Int) {
        let node = nodes[index]
        guard node.isUp else { return }
        for sessionID in node.sessionWith.values.sorted() {
            let session = sessions[sessionID]
            let side = session.side(of: index)
            session.isOpen[side] = false
            let other = 1 - side
            if session.isOpen[other], canReach(index, session.node(on: other)) {
                queue.schedule(.closed(session: sessionID, side: other), at: now + session.latency)
            }
        }
        node.sessionWith.removeAll()
        node.sessionOf.removeAll()
        node.dialing.removeAll()
        node.pendingIngest.removeAll()
        node.ingestBatch.removeAll()
        node.isIngesting = false
        node.lastHeard.removeAll()
        node.isUp = false
        report.crashes += 1
    }

    /// Starts a crashed node again with a new run: a new engine reading its log, a new overlay.
    public func restart(_ index: Int) {
        let node = nodes[index]
        guard !node.isUp else { return }
        node.engine = makeEngine(identity: node.identity, log: node.log)
        node.overlay = makeOverlay(node.identity)
        start(node)
    }

    /// Splits the network: nodes of different groups can no longer reach each other (beacons,
    /// dials and frames between them stop; frames wait until the split heals).
    public func split(_ groupOf: (Int) -> Int) {
        groups = nodes.map { groupOf($0.index) }
    }

    /// Heals the split: frames that waited are delivered at once, in order, ahead of those still
    /// on their way.
    public func heal() {
        groups = nil
        for session in sessions {
            for side in 0...1 where !session.directions[side].held.isEmpty {
                let held = session.directions[side].held
                session.directions[side].held = []
                for frame in held { deliverFrame(frame, on: session, from: side) }
            }
        }
    }

    /// Whether nodes `a` and `b` can reach each other now.
    func canReach(_ a: Int, _ b: Int) -> Bool {
        guard let groups else { return true }
        return groups[a] == groups[b]
    }
}
