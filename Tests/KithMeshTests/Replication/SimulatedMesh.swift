import KithCore
import KithMesh
import KithSimulation
import Testing

/// Many nodes replicating deterministically: each link delivers frames in order per direction, a
/// seeded random scheduler picks which link delivers or which node verifies next, and a manual
/// clock moves one millisecond per step. A receiver reads no further frame from a peer until it
/// has verified the last entry it read from it; a sender learns how much room its side of a link
/// has after every delivery (the engine's flow control).
final class SimulatedMesh {
    /// The nodes, by index.
    private(set) var nodes: [SimulatedNode] = []
    /// Every link ever made, open or closed.
    private(set) var links: [SimulatedLink] = []
    /// The simulated time in milliseconds.
    private(set) var now: UInt64 = 1_000
    /// The bytes a link direction holds before its sender is told it has no room.
    let linkCapacity: Int
    /// The engines' configuration.
    let configuration: ReplicationConfiguration
    private var random: SeededGenerator
    private var nextHandle: UInt64 = 1
    private var linkOfHandle: [PeerHandle: SimulatedLink] = [:]
    private var stepsSinceTick = 0

    /// An empty mesh whose scheduler is seeded with `seed`.
    init(
        seed: UInt64, linkCapacity: Int = 64 * 1_024,
        configuration: ReplicationConfiguration = .init()
    ) {
        random = SeededGenerator(seed: seed)
        self.linkCapacity = linkCapacity
        self.configuration = configuration
    }

    /// A signing key drawn from the mesh's generator (for node identities and authors).
    func makeKey() -> SigningKey {
        // A 32-byte seed always makes a key.
        (try? SigningKey(seed: random.bytes(32))) ?? SigningKey.generate()
    }

    /// Adds a node holding `communities`, with `log` as its log (which may already hold entries).
    @discardableResult
    func addNode(communities: [CommunityKey], log: SimulatedLog = SimulatedLog()) -> SimulatedNode {
        let node = SimulatedNode(
            index: nodes.count, identity: makeKey(), communities: communities, log: log,
            configuration: configuration, now: now)
        nodes.append(node)
        return node
    }

    /// Opens a session between `a` and `b` whose handshake used `community`.
    @discardableResult
    func connect(_ a: SimulatedNode, _ b: SimulatedNode, community: CommunityID) -> SimulatedLink {
        let handles = (PeerHandle(nextHandle), PeerHandle(nextHandle + 1))
        nextHandle += 2
        let link = SimulatedLink(nodes: (a.index, b.index), handles: handles)
        links.append(link)
        linkOfHandle[handles.0] = link
        linkOfHandle[handles.1] = link
        let sessionID = random.bytes(32)
        for (node, handle, remote) in [(a, handles.0, b), (b, handles.1, a)] {
            let info = ReplicationSessionInfo(
                peer: handle, sessionID: sessionID, remoteKey: remote.identity.publicKey,
                community: community)
            deliver(.sessionOpened(info), to: node)
            deliver(.writable(handle, bufferSpace: linkCapacity), to: node)
        }
        return link
    }

    /// Closes `link`: frames in flight are lost and both engines hear that the session closed.
    func disconnect(_ link: SimulatedLink) {
        guard link.isOpen else { return }
        link.isOpen = false
        link.directions.0.frames.removeAll()
        link.directions.1.frames.removeAll()
        deliver(.sessionClosed(link.handles.0), to: nodes[link.nodes.0])
        deliver(.sessionClosed(link.handles.1), to: nodes[link.nodes.1])
    }

    /// Posts `text` by `author` at `node` and tells the node's engine.
    @discardableResult
    func post(
        _ text: String, at node: SimulatedNode, by author: SigningKey, in community: CommunityID
    )
        throws -> Entry
    {
        let entry = try node.log.post(text, by: author, in: community, timestamp: now)
        deliver(.entriesAppended([entry], from: nil), to: node)
        return entry
    }

    /// Tells `node`'s engine that its user now blocks exactly `authors` (replication.md,
    /// "Refusing an author").
    func refuse(_ authors: Set<PublicKey>, at node: SimulatedNode) {
        deliver(.refusedAuthorsChanged(authors), to: node)
    }

    /// Loses the frames `sender` queued on `link` and not yet delivered (what a bug or a store
    /// that refused them would lose; the digest must repair it).
    func dropUndelivered(on link: SimulatedLink, from sender: SimulatedNode) {
        let side = link.nodes.0 == sender.index ? 0 : 1
        link[outgoingFrom: side].frames.removeAll()
        link[outgoingFrom: side].queuedBytes = 0
    }

    /// Runs, moving the clock on 100 ms at a time whenever the mesh is quiet, until every node of
    /// `group` holds the same entries; false if they still differ after `milliseconds` of
    /// simulated time.
    func runUntilConverged(_ group: [SimulatedNode], within milliseconds: UInt64) -> Bool {
        let deadline = now + milliseconds
        while now <= deadline {
            run(until: { haveConverged(group) || now > deadline })
            if haveConverged(group) { return true }
            if now <= deadline { advance(by: 100) }
        }
        return haveConverged(group)
    }

    /// Puts a raw frame on `link` as if `sender` had sent it (a misbehaving peer).
    func inject(_ frame: [UInt8], on link: SimulatedLink, from sender: SimulatedNode) {
        let side = link.nodes.0 == sender.index ? 0 : 1
        link[outgoingFrom: side].frames.append(frame)
        link[outgoingFrom: side].queuedBytes += frame.count
    }

    /// Runs until nothing is left to deliver or verify, or `until` holds, or `maxSteps` steps.
    /// Returns whether the mesh became quiet (or `until` held) within the steps.
    ///
    /// While nothing is left to deliver or verify but an engine waits to repair something (a
    /// stalled chain), the clock moves on 100 ms at a time, ticking every engine, for at most two
    /// simulated minutes in a row.
    @discardableResult
    func run(maxSteps: Int = 2_000_000, until: () -> Bool = { false }) -> Bool {
        var idle: UInt64 = 0
        for _ in 0..<maxSteps {
            if until() { return true }
            if step() {
                idle = 0
                continue
            }
            guard nodes.contains(where: \.engine.wantsFrequentTicks) else { return true }
            guard idle < 120_000 else { return false }
            idle += 100
            advance(by: 100)
        }
        return false
    }

    /// Performs one random task; false when there was none.
    private func step() -> Bool {
        var tasks: [(SimulatedLink?, SimulatedNode?, Int)] = []
        for link in links where link.isOpen && !link.isBlocked {
            for side in 0...1 where !link[outgoingFrom: side].frames.isEmpty {
                let receiver = nodes[side == 0 ? link.nodes.1 : link.nodes.0]
                let receiverHandle = side == 0 ? link.handles.1 : link.handles.0
                if !receiver.isVerifying(receiverHandle) { tasks.append((link, nil, side)) }
            }
        }
        for node in nodes where node.pendingIngest.values.contains(where: { !$0.isEmpty }) {
            tasks.append((nil, node, 0))
        }
        guard !tasks.isEmpty else { return false }
        let task = tasks[Int.random(in: 0..<tasks.count, using: &random)]
        if let link = task.0 {
            deliverFrame(on: link, from: task.2)
        } else if let node = task.1 {
            verifyOne(at: node)
        }
        advanceClock()
        return true
    }

    /// Moves the clock one millisecond; every simulated second, every engine ticks.
    private func advanceClock() {
        now += 1
        stepsSinceTick += 1
        guard stepsSinceTick >= 1_000 else { return }
        stepsSinceTick = 0
        for node in nodes { deliver(.tick(now: now), to: node) }
    }

    /// Moves the clock by `milliseconds` at once and ticks every engine (for keepalive tests).
    func advance(by milliseconds: UInt64) {
        now += milliseconds
        for node in nodes { deliver(.tick(now: now), to: node) }
    }

    /// Delivers the oldest frame `side` sent on `link`, then tells the sender how much room it has.
    private func deliverFrame(on link: SimulatedLink, from side: Int) {
        let frame = link[outgoingFrom: side].frames.removeFirst()
        link[outgoingFrom: side].queuedBytes -= frame.count
        if frame.first == ReplicationMessageType.entry.rawValue {
            link[outgoingFrom: side].entriesDelivered += 1
        }
        let (senderIndex, receiverIndex) = side == 0 ? link.nodes : (link.nodes.1, link.nodes.0)
        let (senderHandle, receiverHandle) =
            side == 0 ? link.handles : (link.handles.1, link.handles.0)
        deliver(.frameReceived(receiverHandle, frame), to: nodes[receiverIndex])
        guard link.isOpen else { return }
        let room = linkCapacity - link[outgoingFrom: side].queuedBytes
        deliver(.writable(senderHandle, bufferSpace: room), to: nodes[senderIndex])
    }

    /// Verifies and stores the oldest entry waiting at `node` from one of its peers.
    private func verifyOne(at node: SimulatedNode) {
        let waiting = node.pendingIngest.filter { !$0.value.isEmpty }.keys.sorted()
        guard !waiting.isEmpty else { return }
        let peer = waiting[Int.random(in: 0..<waiting.count, using: &random)]
        guard let entry = node.pendingIngest[peer]?.removeFirst() else { return }
        let outcome = node.log.ingest(entry)
        if case .valid(_, .duplicate) = outcome, let link = linkOfHandle[peer] {
            link[outgoingFrom: 1 - link.side(of: peer)].duplicates += 1
        }
        if case .valid(_, .append) = outcome {
            node.received.append(entry.id)
            deliver(.entriesAppended([entry], from: peer), to: node)
        }
        deliver(.entriesIngested(peer, [outcome]), to: node)
    }

    /// Hands `event` to `node`'s engine and performs the actions it returns.
    private func deliver(_ event: ReplicationEvent, to node: SimulatedNode) {
        for action in node.engine.handle(event) {
            perform(action, at: node)
        }
    }

    private func perform(_ action: ReplicationAction, at node: SimulatedNode) {
        switch action {
        case .send(let peer, let message):
            guard let link = linkOfHandle[peer], link.isOpen else { return }
            let frame: [UInt8]
            do {
                frame = try message.encoded()
            } catch {
                Issue.record("engine produced a message that does not encode: \(error)")
                return
            }
            let side = link.side(of: peer)
            switch message {
            case .clock(let community, _): link[outgoingFrom: side].communities.insert(community)
            case .entry(let bytes):
                if let entry = try? Entry(decoding: bytes) {
                    link[outgoingFrom: side].communities.insert(entry.community)
                }
            default: break
            }
            link[outgoingFrom: side].frames.append(frame)
            link[outgoingFrom: side].queuedBytes += frame.count
            link[outgoingFrom: side].peakQueuedBytes = max(
                link[outgoingFrom: side].peakQueuedBytes, link[outgoingFrom: side].queuedBytes)
        case .ingest(let peer, let entry):
            node.pendingIngest[peer, default: []].append(entry)
        case .disconnect(let peer, let reason):
            node.disconnects.append((peer, reason))
            if let link = linkOfHandle[peer] { disconnect(link) }
        }
    }

    /// Whether every node in `group` holds exactly the same entries.
    func haveConverged(_ group: [SimulatedNode]) -> Bool {
        guard let first = group.first else { return true }
        return group.allSatisfy { $0.log.storedIDs == first.log.storedIDs }
    }

    /// The ids of the entries `node` holds.
    func ids(at node: SimulatedNode) -> Set<EntryID> { node.log.storedIDs }
}
