import KithCore
import KithMesh

/// What a node does with entries: it verifies and stores what peers send in batches that cost
/// time (each entry verified once, duplicates within and across batches dropped first), and
/// posts its own.
extension MeshSimulator {
    /// Starts a batch of everything waiting, if `node` is idle; what arrives meanwhile waits for
    /// the next batch.
    func startIngest(at node: SimulatedNode) {
        guard !node.isIngesting, !node.pendingIngest.isEmpty else { return }
        node.isIngesting = true
        node.ingestBatch = node.pendingIngest
        node.pendingIngest.removeAll()
        var seen: Set<EntryID> = []
        var toVerify = 0
        for (_, entry) in node.ingestBatch
        where !node.log.contains(entry.id) && seen.insert(entry.id).inserted {
            toVerify += 1
        }
        let cost = configuration.batchCost + UInt64(toVerify) * configuration.verifyCost
        queue.schedule(.ingestDone(node: node.index, run: node.run), at: now + cost)
    }

    /// The batch is verified and stored: the engine hears what became of each entry.
    func finishIngest(at node: SimulatedNode) {
        node.isIngesting = false
        let batch = node.ingestBatch
        node.ingestBatch.removeAll()
        var order: [PeerHandle] = []
        var appended: [PeerHandle: [Entry]] = [:]
        var outcomes: [PeerHandle: [IngestOutcome]] = [:]
        for (peer, entry) in batch {
            let wasHeld = node.log.contains(entry.id)
            if !wasHeld, random.chance(configuration.storeLoss) {
                report.lostByStore += 1
                continue
            }
            let outcome = node.log.ingest(entry)
            if !wasHeld { node.verifications += 1 }
            if outcomes[peer] == nil { order.append(peer) }
            outcomes[peer, default: []].append(outcome)
            if case .valid(_, .append) = outcome {
                appended[peer, default: []].append(entry)
                report.arrived(entry.id, at: node.index, time: now)
            }
        }
        for peer in order {
            guard let entries = appended[peer] else { continue }
            perform(node.engine.handle(.entriesAppended(entries, from: peer)), at: node)
        }
        for peer in order {
            perform(node.engine.handle(.entriesIngested(peer, outcomes[peer] ?? [])), at: node)
        }
        startIngest(at: node)
    }

    /// `node` posts a new entry of its own chain now; returns its id.
    @discardableResult
    public func post(at index: Int, size: Int = 40) -> EntryID? {
        let node = nodes[index]
        guard node.isUp else { return nil }
        let content = Array("post \(report.posts.count) from node \(index) ".utf8)
        let padded = content + [UInt8](repeating: 0x2e, count: max(0, size - content.count))
        guard
            let entry = try? node.log.post(
                padded, by: node.identity, in: community.id, timestamp: milliseconds)
        else { return nil }
        report.posted(entry.id, by: index, at: now)
        report.arrived(entry.id, at: index, time: now)
        perform(node.engine.handle(.entriesAppended([entry], from: nil)), at: node)
        return entry.id
    }
}
