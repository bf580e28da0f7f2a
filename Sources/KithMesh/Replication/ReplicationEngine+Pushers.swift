import KithCore

/// Choosing who pushes each chain (replication.md, "Choosing who pushes"): ask a peer that holds
/// more when nobody pushes, ask again when a chain stalls, stop a pusher that sends duplicates.
extension ReplicationEngine {
    /// Whether `peer` was asked to push `chain`.
    func isPusher(_ peer: PeerHandle, of chain: ChainKey) -> Bool {
        pushedBy[peer]?.contains(chain) ?? false
    }

    /// Asks `peer` to push `chain` (again, if it was asked already: a request may be lost). The
    /// request goes out with the session's pending items.
    mutating func ask(_ peer: PeerHandle, for chain: ChainKey) {
        guard sessions[peer]?.communities[chain.community] != nil,
            !refusedAuthors.contains(chain.author)
        else { return }
        if !isPusher(peer, of: chain) {
            pushers[chain, default: []].append(peer)
            pushedBy[peer, default: []].insert(chain)
            if !(localClocks[chain.community]?.knows(chain.author) ?? false) {
                askedUnknown[chain.community, default: []].insert(chain.author)
            }
        }
        sessions[peer]?.pendingItems.insert(chain, request: true, due: now)
    }

    /// Stops asking `peer` to push `chain` (rule 3), and tells it.
    mutating func stopAsking(_ peer: PeerHandle, for chain: ChainKey) {
        guard isPusher(peer, of: chain) else { return }
        pushedBy[peer]?.remove(chain)
        pushers[chain]?.removeAll { $0 == peer }
        if pushers[chain]?.isEmpty ?? false { pushers[chain] = nil }
        sessions[peer]?.pendingItems.insert(chain, request: true, due: now)
    }

    /// Forgets every pusher of `chain` without telling them (a refused chain: the clock item
    /// at `2^64 - 1` already stops them).
    mutating func forgetPushers(of chain: ChainKey) {
        for peer in pushers.removeValue(forKey: chain) ?? [] { pushedBy[peer]?.remove(chain) }
        askedUnknown[chain.community]?.remove(chain.author)
        stalls[chain] = nil
    }

    /// An item from `peer` says it holds `sequence` of `chain`: when that is more than the node
    /// holds, the chain is asked of `peer` at once if it has no pusher (rule 1), and watched for
    /// stalls either way; a chain the node holds none of is asked for (and watched) only within
    /// the bound of unknown chains asked at once and the community's new-author budget.
    mutating func considerAsking(_ chain: ChainKey, of peer: PeerHandle, holding sequence: UInt64) {
        guard sequence != Self.refusedSequence, !refusedAuthors.contains(chain.author),
            sessions[peer]?.diverged.contains(chain) != true, !isStoragePaused,
            !(isStrangerStoragePaused && isStranger(chain.author, in: chain.community))
        else { return }
        let mine = localHead(of: chain)
        guard sequence > mine else { return }
        if pushers[chain] == nil {
            let known = localClocks[chain.community]?.knows(chain.author) ?? false
            let unknownAsked = askedUnknown[chain.community]?.count ?? 0
            // Unknown chains are asked for a bounded number at a time, and a stranger's only
            // while the community may gain a new author; digests find the rest.
            // Nor is a stall kept for a chain not asked: strangers' clocks cannot grow it.
            guard known || (unknownAsked < configuration.unknownAuthorLimit && mayStartChain(chain))
            else { return }
            ask(peer, for: chain)
        }
        if stalls[chain] == nil { stalls[chain] = Stall(since: now, head: mine, attempts: 0) }
    }

    /// The open session that holds the most of `chain`, beyond what the node holds (the lowest
    /// handle among equals), if any; with `preferringNew`, a session not yet asked for the chain
    /// comes first whenever one holds more than the node.
    func mostAdvancedPeer(on chain: ChainKey, preferringNew: Bool = false) -> PeerHandle? {
        var best: (peer: PeerHandle, held: UInt64)?
        var bestNew: (peer: PeerHandle, held: UInt64)?
        let mine = localHead(of: chain)
        for peer in sessionOrder {
            guard let held = sessions[peer]?.heldOnBranch(chain), held > mine else { continue }
            if held > (best?.held ?? 0) { best = (peer, held) }
            if preferringNew, !isPusher(peer, of: chain), held > (bestNew?.held ?? 0) {
                bestNew = (peer, held)
            }
        }
        return bestNew?.peer ?? best?.peer
    }

    /// `peer` sent a fork entry of `chain`: it holds another branch, which can never follow this
    /// node's. It is no longer asked for the chain, nor counted as holding more of it.
    mutating func noteDiverged(_ peer: PeerHandle, on chain: ChainKey) {
        guard sessions[peer] != nil else { return }
        sessions[peer]?.diverged.insert(chain)
        stopAsking(peer, for: chain)
    }

    /// Stops or restarts asking peers to push, as the node can or cannot store what they send:
    /// pausing tells every pusher to stop and forgets the stalls; resuming asks for every chain a
    /// session is known to hold more of, as if its items had just arrived.
    mutating func pauseStorage(_ paused: Bool, into actions: inout [ReplicationAction]) {
        guard paused != isStoragePaused else { return }
        isStoragePaused = paused
        if paused {
            for chain in Self.ordered(pushers.keys) {
                for peer in pushers(of: chain) { stopAsking(peer, for: chain) }
            }
            stalls.removeAll()
            askedUnknown.removeAll()
            return
        }
        askForChainsBehind()
    }

    /// Stops or restarts taking strangers' entries for lack of room: pausing tells the pushers of
    /// strangers' chains to stop and forgets those chains' stalls; resuming asks for what peers
    /// hold more of.
    mutating func pauseStrangerStorage(_ paused: Bool) {
        guard paused != isStrangerStoragePaused else { return }
        isStrangerStoragePaused = paused
        guard paused else {
            askForChainsBehind()
            return
        }
        for chain in Self.ordered(pushers.keys) where isStranger(chain.author, in: chain.community)
        {
            for peer in pushers(of: chain) { stopAsking(peer, for: chain) }
        }
        for chain in Self.ordered(stalls.keys) where isStranger(chain.author, in: chain.community) {
            stalls[chain] = nil
        }
        for community in Array(askedUnknown.keys) {
            askedUnknown[community] = askedUnknown[community]?.filter {
                !isStranger($0, in: community)
            }
        }
    }

    /// Asks, for every chain a session is known to hold more of, the peer that holds the most,
    /// as if its items had just arrived.
    mutating func askForChainsBehind() {
        var behind: Set<ChainKey> = []
        for peer in sessionOrder {
            guard let session = sessions[peer] else { continue }
            for community in session.sharedCommunities {
                guard let state = session.communities[community],
                    let local = localClocks[community]
                else { continue }
                for (author, _) in state.chainsAhead(of: local) {
                    behind.insert(ChainKey(author: author, community: community))
                }
            }
        }
        for chain in Self.ordered(behind) {
            guard let best = mostAdvancedPeer(on: chain), let held = sessions[best]?.held(chain)
            else { continue }
            considerAsking(chain, of: best, holding: held)
        }
    }

    /// Rule 2, on every tick: a chain that made no progress for the ask delay while a peer holds
    /// more and no pusher delivered anything is asked of a peer that holds more and was not asked
    /// yet (the most advanced of them), else of the most advanced pusher again; the delay doubles
    /// with each ask, up to the maximum, and starts again once the chain moves.
    mutating func checkStalls() {
        guard !stalls.isEmpty, !isStoragePaused else { return }
        for chain in Self.ordered(stalls.keys) {
            guard var stall = stalls[chain] else { continue }
            let mine = localHead(of: chain)
            guard !refusedAuthors.contains(chain.author),
                let best = mostAdvancedPeer(on: chain, preferringNew: true)
            else {
                stalls[chain] = nil
                continue
            }
            if mine > stall.head { stall = Stall(since: now, head: mine, attempts: 0) }
            let delay = min(
                configuration.maximumAskDelay,
                configuration.askDelay << UInt64(min(stall.attempts, 16)))
            if now - stall.since >= delay {
                let pusherDelivered = pushers(of: chain).contains { peer in
                    (sessions[peer]?.lastDelivery ?? 0) >= stall.since
                        && sessions[peer]?.lastDelivery != nil
                }
                if !pusherDelivered {
                    ask(best, for: chain)
                    stall.attempts += 1
                }
                stall.since = now
            }
            stalls[chain] = stall
        }
    }
}
