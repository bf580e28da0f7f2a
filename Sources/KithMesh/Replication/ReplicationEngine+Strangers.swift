import KithCore

/// Budgets for strangers (replication.md, "Strangers"): entries of authors of an open community
/// whom the node has no other reason to trust cost units of the session's and the node's budgets,
/// and the first entry of a new chain a token of the community's new-author budget.
extension ReplicationEngine {
    /// Whether `author`'s entries in `community` are a stranger's: the community is open, the
    /// author is not this node, and the node holds no chain of the author in a closed community
    /// (one whose key only invited people have).
    func isStranger(_ author: PublicKey, in community: CommunityID) -> Bool {
        let open = configuration.strangers.openCommunities
        guard open.contains(community), author != localKey else { return false }
        for key in keys where !open.contains(key.id) {
            if localClocks[key.id]?.knows(author) ?? false { return false }
        }
        return true
    }

    /// Whether a chain of `community` the node holds none of may be started now: not an open
    /// community, or its new-author budget has a token left (nothing is taken).
    func mayStartChain(_ chain: ChainKey) -> Bool {
        guard isStranger(chain.author, in: chain.community) else { return true }
        if isStrangerStoragePaused { return false }
        if admittedNewChains.contains(chain) { return true }
        return newAuthorBudget(of: chain.community).available(now: now) >= 1
    }

    /// Takes what `entry` from `peer` costs if it is a stranger's, and says whether it may be
    /// verified and stored; an entry over budget is counted and is to be dropped unverified.
    mutating func admit(_ entry: EntryPreview, from peer: PeerHandle) -> Bool {
        let chain = entry.chain
        guard isStranger(entry.author, in: chain.community),
            var session = sessions[peer]
        else { return true }
        if isStrangerStoragePaused {
            entriesOverBudget += 1
            return false
        }
        let units = StrangerBudget.units(ofByteCount: entry.byteCount)
        let starts = localHead(of: chain) == 0 && !admittedNewChains.contains(chain)
        var newAuthors = newAuthorBudget(of: chain.community)
        guard session.strangerBudget.available(now: now) >= units,
            strangerBudget.available(now: now) >= units,
            !starts || newAuthors.available(now: now) >= 1
        else {
            entriesOverBudget += 1
            return false
        }
        _ = session.strangerBudget.take(units, now: now)
        _ = strangerBudget.take(units, now: now)
        sessions[peer] = session
        if starts {
            _ = newAuthors.take(1, now: now)
            newAuthorBudgets[chain.community] = newAuthors
            // Bounded by the tokens taken; emptied whole in the rare case it grows past its cap
            // (chains whose entries never got stored), which only costs a token again.
            if admittedNewChains.count >= Self.admittedNewChainLimit {
                admittedNewChains.removeAll()
            }
            admittedNewChains.insert(chain)
        }
        return true
    }

    /// The most chains remembered as started and not yet stored.
    static var admittedNewChainLimit: Int { 4_096 }

    /// The new-author budget of `community`, full when never used.
    func newAuthorBudget(of community: CommunityID) -> TokenBucket {
        newAuthorBudgets[community] ?? configuration.strangers.newAuthorBucket(now: now)
    }
}
