import KithCore

/// Communities joined and left while the node runs (replication.md, "Joining and leaving").
/// The `communities` message is sent once per session, so a session cannot learn of a change:
/// the sessions the change concerns are closed with `goodbye` 6, and the next session agrees on
/// the shared communities again.
extension ReplicationEngine {
    /// From now on the node holds exactly `communities` (duplicates ignored, order kept).
    mutating func changeCommunities(
        to communities: [CommunityKey], into actions: inout [ReplicationAction]
    ) {
        var newKeys: [CommunityKey] = []
        for key in communities where !newKeys.contains(where: { $0.id == key.id }) {
            newKeys.append(key)
        }
        let held = Set(keys.map(\.id))
        let kept = Set(newKeys.map(\.id))
        let left = held.subtracting(kept)
        let joined = newKeys.filter { !held.contains($0.id) }
        keys = newKeys
        forget(left)
        for key in joined {
            localClocks[key.id] = LocalClock(source.clock(of: key.id))
        }
        for peer in sessionOrder {
            guard let session = sessions[peer],
                Self.isConcerned(session, left: left, joined: joined)
            else { continue }
            let reason = GoodbyeReason.communitiesChanged
            removeSession(peer)
            actions.append(.send(peer, .goodbye(reason, truncating: reason.description)))
            actions.append(.disconnect(peer, .closedLocally(reason)))
        }
    }

    /// Whether the session `peer` does not share the community `id` though this node holds it
    /// and a beacon says the peer does too: the session opened before one of them joined, and
    /// reopening it lets it share the community (replication.md, "Joining and leaving"). False
    /// while the peer's `communities` has not arrived, and when either side sent 64 proofs (a
    /// node in more communities may leave some out of a session).
    public func misses(_ id: CommunityID, on peer: PeerHandle) -> Bool {
        guard let session = sessions[peer], session.hasReceivedCommunities,
            localClocks[id] != nil, !session.sharedCommunities.contains(id),
            session.offeredCommunities.count < ReplicationLimits.maxProofs,
            session.receivedProofs.count < ReplicationLimits.maxProofs
        else { return false }
        return true
    }

    /// Whether `session` must be reopened: it shares a community left (or offered one before the
    /// peer's `communities` arrived), or its peer proved it holds a community joined, or it has
    /// not agreed on its shared communities yet while one was joined.
    static func isConcerned(
        _ session: PeerSession, left: Set<CommunityID>, joined: [CommunityKey]
    ) -> Bool {
        guard session.hasReceivedCommunities else {
            return !joined.isEmpty || session.offeredCommunities.contains(where: left.contains)
        }
        if session.sharedCommunities.contains(where: left.contains) { return true }
        return joined.contains { key in
            session.receivedProofs.contains(
                CommunityProof(
                    key: key, sessionID: session.info.sessionID, sender: session.info.remoteKey))
        }
    }

    /// Drops everything kept for the communities `left`: clocks, pushers, stalls, budgets.
    private mutating func forget(_ left: Set<CommunityID>) {
        guard !left.isEmpty else { return }
        for id in left {
            localClocks[id] = nil
            askedUnknown[id] = nil
            newAuthorBudgets[id] = nil
        }
        admittedNewChains = admittedNewChains.filter { !left.contains($0.community) }
        stalls = stalls.filter { !left.contains($0.key.community) }
        pushers = pushers.filter { !left.contains($0.key.community) }
        for (peer, chains) in pushedBy {
            pushedBy[peer] = chains.filter { !left.contains($0.community) }
        }
    }
}
