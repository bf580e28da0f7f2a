import KithCore
import KithMesh

/// Beacons and the overlay (discovery.md, overlay.md): each node beacons on each of its links at
/// an interval that grows with the peers it hears there, forgets peers it no longer hears, and
/// dials or lets go as its overlay policy decides.
extension MeshSimulator {
    /// Sends one beacon from `node` on `link`, then schedules the next.
    func sendBeacon(from node: SimulatedNode, on link: Int) {
        report.beaconsSent += 1
        for other in nodes where other.index != node.index && other.isUp {
            guard other.links.contains(link), canReach(node.index, other.index),
                !random.chance(configuration.beaconLoss)
            else { continue }
            queue.schedule(
                .heard(node: other.index, from: node.index, link: link, run: other.run),
                at: now + drawLatency())
        }
        let heardHere = node.overlay.candidateCount(on: OverlayLink(UInt32(link + 1)))
        let interval = BeaconInterval.interval(heard: heardHere) * 1_000
        let jitter = UInt64.random(
            in: 0...BeaconInterval.jitter(heard: heardHere) * 1_000, using: &random)
        queue.schedule(
            .beacon(node: node.index, link: link, run: node.run), at: now + interval + jitter)
    }

    /// `node` heard `sender`'s beacon on `link`. A peer it did not remember gets its beacon in
    /// answer, by unicast (discovery.md, "Static peers").
    func heard(_ sender: SimulatedNode, at node: SimulatedNode, on link: Int) {
        report.beaconsReceived += 1
        if node.lastHeard[sender.index] == nil, sender.isUp, canReach(node.index, sender.index),
            !random.chance(configuration.beaconLoss)
        {
            queue.schedule(
                .heard(node: sender.index, from: node.index, link: link, run: sender.run),
                at: now + drawLatency())
        }
        node.lastHeard[sender.index] = now
        let key = sender.identity.publicKey
        let isNew = node.overlay.candidateCount == 0 || !node.overlay.isCandidate(key)
        node.overlay.heard(key, on: OverlayLink(UInt32(link + 1)), now: milliseconds)
        if isNew { decide(node) }
    }

    /// Once a second (every 100 ms while the engine waits to repair): the engine's timers, the
    /// overlay's decisions, and, every few seconds, forgetting peers not heard for a while.
    func tick(_ node: SimulatedNode) {
        perform(node.engine.handle(.tick(now: milliseconds)), at: node)
        if now >= node.lastSweep + 5_000_000 {
            node.lastSweep = now
            forgetSilentPeers(of: node)
        }
        decide(node)
        let period: UInt64 = node.engine.wantsFrequentTicks ? 100_000 : 1_000_000
        queue.schedule(.tick(node: node.index, run: node.run), at: now + period)
    }

    private func forgetSilentPeers(of node: SimulatedNode) {
        let heard = node.lastHeard.count
        let limit = BeaconInterval.forgetAfter(heard: heard) * 1_000
        let silent = node.lastHeard.filter { now - $0.value >= limit }.map(\.key).sorted()
        for peer in silent where node.sessionWith[peer] == nil {
            node.lastHeard[peer] = nil
            node.overlay.forget(nodes[peer].identity.publicKey)
        }
    }

    /// Performs what `node`'s overlay policy decides now.
    func decide(_ node: SimulatedNode) {
        guard node.isUp else { return }
        for action in node.overlay.decide(now: milliseconds) {
            switch action {
            case .dial(let key):
                guard let peer = index(of: key) else { continue }
                dial(from: node, to: peer)
            case .close(let key, let reason):
                guard let peer = index(of: key), let sessionID = node.sessionWith[peer] else {
                    continue
                }
                let session = sessions[sessionID]
                let handle = session.handle(on: session.side(of: node.index))
                perform(node.engine.handle(.closeRequested(handle, reason)), at: node)
            }
        }
    }

    /// The node whose key is `key`.
    func index(of key: PublicKey) -> Int? {
        keyIndex[key]
    }
}
