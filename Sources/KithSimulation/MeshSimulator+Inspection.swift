import KithCore
import KithMesh

/// What a test or a benchmark asks a simulation.
extension MeshSimulator {
    /// What was recorded so far.
    public var recorded: SimulationReport { report }

    /// The nodes that are running.
    public var runningNodes: [Int] { nodes.filter(\.isUp).map(\.index) }

    /// Whether every running node holds exactly the same entries (`among`: only those nodes).
    public func haveConverged(among indices: [Int]? = nil) -> Bool {
        let group = (indices ?? runningNodes).map { nodes[$0] }
        guard let first = group.first else { return true }
        return group.allSatisfy { $0.log.ids == first.log.ids }
    }

    /// The entries `node` holds, fork proofs included.
    public func entryCount(at node: Int) -> Int { nodes[node].log.count }

    /// Whether `node` holds the entry `id`.
    public func holds(_ id: EntryID, at node: Int) -> Bool { nodes[node].log.contains(id) }

    /// The number of established sessions of each node, in node order.
    public var sessionCounts: [Int] { nodes.map(\.sessionWith.count) }

    /// Whether the sessions of the running nodes connect them all.
    public var isOverlayConnected: Bool {
        let running = runningNodes
        guard let start = running.first else { return true }
        var seen: Set<Int> = [start]
        var frontier = [start]
        while let node = frontier.popLast() {
            for peer in nodes[node].sessionWith.keys where seen.insert(peer).inserted {
                frontier.append(peer)
            }
        }
        return running.allSatisfy { seen.contains($0) }
    }

    /// The longest shortest path, in sessions, between two running nodes (the overlay's
    /// diameter); nil when it is not connected.
    public var overlayDiameter: Int? {
        let running = runningNodes
        var diameter = 0
        for start in running {
            var distance: [Int: Int] = [start: 0]
            var frontier = [start]
            var head = 0
            while head < frontier.count {
                let node = frontier[head]
                head += 1
                for peer in nodes[node].sessionWith.keys where distance[peer] == nil {
                    distance[peer] = (distance[node] ?? 0) + 1
                    frontier.append(peer)
                }
            }
            guard distance.count == running.count else { return nil }
            diameter = max(diameter, distance.values.max() ?? 0)
        }
        return diameter
    }

    /// Counters summed over all nodes: entry copies received, signature checks, bytes received.
    public var totals: (copies: Int, verifications: Int, bytes: Int) {
        nodes.reduce((0, 0, 0)) {
            ($0.0 + $1.entryCopiesReceived, $0.1 + $1.verifications, $0.2 + $1.bytesReceived)
        }
    }
}

extension MeshSimulator {
    /// For diagnosis: each post some running node lacks, with which nodes lack it and what their
    /// engines know of its chain (head, pushers, and each session's peer head).
    public func describeMissing(limit: Int = 5) -> String {
        var lines: [String] = []
        for post in report.posts {
            let lacking = runningNodes.filter { !nodes[$0].log.contains(post.id) }
            guard !lacking.isEmpty else { continue }
            let author = nodes[post.node].identity.publicKey
            let chain = ChainKey(author: author, community: community.id)
            lines.append("post by \(post.node) at \(post.time / 1000) ms missing at \(lacking)")
            for index in lacking.prefix(3) {
                let node = nodes[index]
                let peers = node.engine.peers.map { handle -> String in
                    let peer = node.sessionOf[handle].map { sessions[$0] }.map {
                        $0.node(on: 1 - $0.side(of: index))
                    }
                    let held = node.engine.peerHeld(chain, at: handle)
                    return "\(peer.map(String.init) ?? "?"):\(held)"
                }
                lines.append(
                    "  node \(index): head \(node.engine.localHead(of: chain)), pushers "
                        + "\(node.engine.pushers(of: chain)), peers \(peers), stalled "
                        + "\(node.engine.wantsFrequentTicks)")
            }
            if lines.count > limit * 4 { break }
        }
        return lines.joined(separator: "\n")
    }
}
