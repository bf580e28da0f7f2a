import KithCore
import KithMesh
import KithSystem

/// Discovery at the edge (discovery.md): sends this node's beacons on every link and to static
/// peers, receives beacons, drops what the receiving rules drop, and reports the beacons that
/// pass. Lives on the node's loop thread.
final class DiscoveryService {
    /// A beacon that passed every check, with the datagram it came in; returns whether its sender
    /// is a peer the node did not remember (a multicast beacon of one is answered).
    typealias BeaconHandler = (OpenedBeacon, ReceivedDatagram) -> Bool

    let configuration: DiscoveryConfiguration
    private let loop: EventLoop
    private var beaconKeys: [BeaconKey]
    private var announcer: BeaconAnnouncer
    private var replayGuard: BeaconReplayGuard
    private var sourceLimiter: SourceRateLimiter<SocketAddress>
    private var overallLimiter = SourceRateLimiter<Int>(burst: 1, perSecond: 1)
    private var answerLimiter: SourceRateLimiter<SocketAddress>
    /// The fast path's datagrams (fastpath.md), on the same sockets and links.
    private(set) var entryDatagrams: EntryDatagramChannel
    private var sockets: BeaconSockets?
    private var failedLinks: Set<MulticastLink.Key> = []
    private var roundTimer: TimerID?
    private var rescanTimer: TimerID?
    private let emit: (NodeEvent) -> Void

    /// Called for every entry datagram that passes the receiving rules of discovery: the node
    /// checks the rest (fastpath.md, "Receiving").
    var onEntryDatagram: (OpenedEntryDatagram, _ interfaceIndex: UInt32) -> Void = { _, _ in }
    /// Called for every beacon that passes.
    var onBeacon: BeaconHandler = { _, _ in false }
    /// Whether to answer a unicast beacon from this key (the node has no session with it).
    var shouldAnswer: (PublicKey) -> Bool = { _ in true }
    /// How many peers the node hears on the interface with this index: the beacon interval there
    /// grows with it (discovery.md, "Sending").
    var peersHeard: (UInt32) -> Int = { _ in 0 }
    /// When each link sends its next beacons (monotonic milliseconds).
    private var nextSend: [MulticastLink.Key: UInt64] = [:]

    /// The links in use, in order.
    private(set) var links: [MulticastLink] = []
    /// Datagrams dropped so far (any receiving rule).
    private(set) var droppedDatagrams = 0
    /// Beacons that passed every receiving rule so far.
    private(set) var beaconsReceived = 0
    /// Authenticated beacons dropped so far because their sender's clock is too far from ours.
    private(set) var clockSkewedBeacons = 0
    /// The latest of them.
    private(set) var lastClockSkew: ClockSkewReport?
    /// When a clock skew was last logged (monotonic milliseconds): at most once a minute.
    private var lastClockSkewWarning: UInt64?

    init(
        configuration: DiscoveryConfiguration, nodeKey: PublicKey, communities: [CommunityKey],
        sessionPort: UInt16, loop: EventLoop, emit: @escaping (NodeEvent) -> Void
    ) {
        self.configuration = configuration
        self.loop = loop
        self.emit = emit
        beaconKeys = communities.map { BeaconKey(community: $0) }
        announcer = BeaconAnnouncer(nodeKey: nodeKey, port: sessionPort)
        replayGuard = BeaconReplayGuard(ownKey: nodeKey)
        entryDatagrams = EntryDatagramChannel(nodeKey: nodeKey, communities: communities)
        sourceLimiter = SourceRateLimiter(
            burst: configuration.datagramBurstPerSource,
            perSecond: configuration.datagramsPerSecondPerSource)
        overallLimiter = SourceRateLimiter(
            burst: configuration.datagramsPerSecond, perSecond: configuration.datagramsPerSecond,
            capacity: 1)
        answerLimiter = SourceRateLimiter(
            burst: 1, perSecond: 1000 / Double(max(configuration.answerInterval, 1)))
    }

    /// The TCP port the beacons announce.
    var sessionPort: UInt16 {
        get { announcer.port }
        set { announcer.port = newValue }
    }

    /// The UDP port the discovery sockets are bound to (after ``start()``).
    var port: UInt16 { sockets?.port ?? configuration.port }

    /// Opens the sockets, joins the groups, sends the first beacons and starts the timers.
    func start() throws(NodeError) {
        let sockets: BeaconSockets
        do {
            sockets = try BeaconSockets.open(port: configuration.port)
        } catch {
            throw .socket("discovery socket on UDP port \(configuration.port)", error)
        }
        self.sockets = sockets
        for socket in [sockets.ipv4, sockets.ipv6].compactMap({ $0 }) {
            loop.register(socket.descriptor, interest: .readable) { [unowned self] _ in
                self.receive(on: socket)
            }
        }
        rescan()
        sendToStaticPeers()
        scheduleRound()
        scheduleRescan()
    }

    /// Leaves the groups and closes the sockets.
    func stop() {
        for timer in [roundTimer, rescanTimer].compactMap({ $0 }) { loop.cancel(timer) }
        roundTimer = nil
        rescanTimer = nil
        guard let sockets else { return }
        for link in links { sockets.leave(group(for: link.family), on: link) }
        for socket in [sockets.ipv4, sockets.ipv6].compactMap({ $0 }) {
            loop.unregister(socket.descriptor)
        }
        sockets.close()
        self.sockets = nil
        links.removeAll()
    }

    /// Beacons in `communities` from now on, and at once on every link and to the static peers,
    /// so that peers of a community just joined find the node without waiting for a round.
    /// Beacons of a community left are neither sent nor opened any more.
    func setCommunities(_ communities: [CommunityKey]) {
        beaconKeys = communities.map { BeaconKey(community: $0) }
        entryDatagrams.setCommunities(communities)
        for link in links { sendBeacons(on: link) }
        sendToStaticPeers()
    }

    // MARK: Sending

    private func group(for family: SocketAddress.Family) -> SocketAddress {
        family == .ipv4 ? configuration.ipv4Group : configuration.ipv6Group
    }

    /// The next round: every second plus a random 0 to `beaconJitter` milliseconds, beacons to
    /// the static peers and on each link whose interval has passed. A link's interval grows with
    /// the peers heard on it (``BeaconInterval``), so a node on a crowded link beacons less often.
    private func scheduleRound() {
        let jitter = UInt64.random(in: 0...configuration.beaconJitter)
        roundTimer = loop.schedule(after: configuration.beaconInterval + jitter) {
            [unowned self] in
            for link in self.links where self.loop.now >= self.nextSend[link.key] ?? 0 {
                self.sendBeacons(on: link)
            }
            self.sendToStaticPeers()
            self.scheduleRound()
        }
    }

    private func scheduleRescan() {
        rescanTimer = loop.schedule(after: configuration.rescanInterval) { [unowned self] in
            self.rescan()
            self.scheduleRescan()
        }
    }

    /// One datagram per community, sealed afresh, to the link's group; the link's next beacons
    /// are due after its interval and a random part of it. A round of one second comes before it,
    /// so the random part is reduced by that much.
    private func sendBeacons(on link: MulticastLink) {
        guard let sockets else { return }
        let heard = peersHeard(link.interfaceIndex)
        let families = links.filter { $0.interfaceIndex == link.interfaceIndex }.count
        let interval = BeaconInterval.interval(heard: heard, families: families)
        let spread = UInt64.random(in: 0...BeaconInterval.jitter(heard: heard, families: families))
        nextSend[link.key] = loop.now + interval + spread - min(interval + spread, 1_100)
        let now = SystemClock.wallMilliseconds()
        // A node that beacons on a link's group reads that group's entry datagrams too.
        for key in beaconKeys {
            let datagram = announcer.nextDatagram(
                for: key, now: now, flags: .readsEntryDatagrams)
            do {
                _ = try sockets.sendMulticast(datagram, to: group(for: link.family), on: link)
            } catch {
                emit(.detail("beacon on \(link) not sent: \(error)"))
            }
        }
    }

    /// Sends `entry`, one of this node's own entries and durable, once to the group of each link
    /// (fastpath.md, "Sending"): every node of the link that is in its community then holds it
    /// after one datagram. An entry too large for a datagram, or beyond the rate receivers read,
    /// goes by sessions only.
    func multicast(_ entry: Entry) {
        guard configuration.usesMulticast, let sockets, !links.isEmpty,
            entryDatagrams.maySend(now: loop.now)
        else { return }
        for link in links {
            guard let datagram = entryDatagrams.seal(entry) else { return }
            do {
                _ = try sockets.sendMulticast(datagram, to: group(for: link.family), on: link)
            } catch {
                emit(.detail("entry datagram on \(link) not sent: \(error)"))
            }
        }
    }

    /// Whether `address`, this node's side of a connection, is on the interface `index` among
    /// the links in use (``MulticastLink/isOnLink(_:interfaceIndex:among:)``). A session over that
    /// link reaches a peer that hears the link's datagrams.
    func isOnLink(_ address: SocketAddress, interfaceIndex index: UInt32) -> Bool {
        MulticastLink.isOnLink(address, interfaceIndex: index, among: links)
    }

    /// One datagram per community to each static peer.
    private func sendToStaticPeers() {
        for peer in configuration.staticPeers { sendBeacons(unicastTo: peer) }
    }

    private func sendBeacons(unicastTo address: SocketAddress) {
        guard let sockets else { return }
        let now = SystemClock.wallMilliseconds()
        for key in beaconKeys {
            let datagram = announcer.nextDatagram(for: key, now: now)
            do {
                _ = try sockets.sendUnicast(datagram, to: address)
            } catch {
                emit(.detail("beacon to \(address) not sent: \(error)"))
            }
        }
    }

    // MARK: Interfaces

    /// Compares the interfaces with the links in use: leaves the groups on links that are gone,
    /// joins them on new links and beacons there at once.
    func rescan() {
        guard configuration.usesMulticast, let sockets else { return }
        let interfaces: [NetworkInterface]
        do {
            interfaces = try NetworkInterface.current()
        } catch {
            emit(.warning("cannot list network interfaces: \(error)"))
            return
        }
        let wanted = InterfaceSelection.links(
            among: interfaces, names: configuration.interfaceNames
        ).filter { sockets.socket(for: $0.family) != nil }
        let (added, removed) = InterfaceSelection.changes(from: links, to: wanted)
        for link in removed {
            sockets.leave(group(for: link.family), on: link)
            links.removeAll { $0.key == link.key }
            emit(.linkDown(link))
        }
        for link in added {
            do {
                try sockets.join(group(for: link.family), on: link)
            } catch {
                if failedLinks.insert(link.key).inserted { emit(.linkFailed(link, error)) }
                continue
            }
            failedLinks.remove(link.key)
            links.append(link)
            emit(.linkUp(link))
            sendBeacons(on: link)
        }
        // A link whose source address changed keeps its membership; beacons use the new source.
        links = links.map { link in wanted.first { $0.key == link.key } ?? link }
            .sorted { $0.key < $1.key }
    }

    // MARK: Receiving

    /// Reads what `socket` holds, a bounded number of datagrams per turn.
    private func receive(on socket: Socket) {
        for _ in 0..<64 {
            let datagram: ReceivedDatagram?
            do {
                datagram = try socket.receiveDatagram(
                    maximumCount: EntryDatagramCodec.maximumDatagramByteCount)
            } catch {
                emit(.detail("discovery receive failed: \(error)"))
                return
            }
            guard let datagram else { return }
            handle(datagram)
        }
        loop.requestImmediateIteration()
    }

    /// The receiving rules of discovery.md, cheapest first, then the answer to a unicast beacon.
    private func handle(_ datagram: ReceivedDatagram) {
        let now = loop.now
        if EntryDatagramChannel.carries(datagram.bytes) {
            // Entry datagrams count only from a group on a link in use: never by unicast.
            guard datagram.wasMulticast,
                links.contains(where: { $0.interfaceIndex == datagram.interfaceIndex }),
                let opened = entryDatagrams.receive(datagram, now: now)
            else { return }
            onEntryDatagram(opened, datagram.interfaceIndex)
            return
        }
        guard datagram.bytes.count <= BeaconCodec.maximumDatagramByteCount else {
            droppedDatagrams += 1
            return
        }
        // One flooding source spends only its own tokens, not everyone's.
        guard !datagram.wasTruncated,
            sourceLimiter.allow(datagram.source.withPort(0), now: now),
            overallLimiter.allow(0, now: now)
        else {
            droppedDatagrams += 1
            return
        }
        if datagram.wasMulticast,
            !links.contains(where: { $0.interfaceIndex == datagram.interfaceIndex })
        {
            droppedDatagrams += 1
            return
        }
        let opened: OpenedBeacon
        do {
            opened = try BeaconCodec.open(datagram.bytes, keys: beaconKeys)
        } catch {
            droppedDatagrams += 1
            return
        }
        let verdict = replayGuard.admit(opened.beacon, now: SystemClock.wallMilliseconds())
        guard case .accepted = verdict else {
            droppedDatagrams += 1
            if case .rejected(.clockSkew(let claimed, let wallNow)) = verdict {
                noteClockSkew(of: opened.beacon.nodeKey, from: datagram, claimed, wallNow)
            }
            return
        }
        beaconsReceived += 1
        let isNewPeer = onBeacon(opened, datagram)
        // A unicast beacon (a static peer) is answered, and so is the first multicast beacon of a
        // peer not remembered: a newcomer then learns every member within a round trip instead
        // of waiting for their next beacons, which on a crowded link come seconds apart.
        if !datagram.wasMulticast || isNewPeer, shouldAnswer(opened.beacon.nodeKey),
            answerLimiter.allow(datagram.source.withPort(0), now: now)
        {
            sendBeacons(unicastTo: datagram.source)
        }
    }

    /// Counts a beacon dropped for clock skew and logs it, at most once a minute: without it a
    /// node whose clock is off finds no peer and never says why.
    private func noteClockSkew(
        of key: PublicKey, from datagram: ReceivedDatagram, _ claimed: UInt64, _ wallNow: UInt64
    ) {
        clockSkewedBeacons += 1
        let offset =
            claimed >= wallNow
            ? Int64(clamping: claimed - wallNow) : -Int64(clamping: wallNow - claimed)
        let report = ClockSkewReport(
            nodeKey: key, address: datagram.source, offsetMilliseconds: offset)
        lastClockSkew = report
        let now = loop.now
        if let last = lastClockSkewWarning, now < last + 60_000 { return }
        lastClockSkewWarning = now
        emit(.warning(report.warning))
    }
}
