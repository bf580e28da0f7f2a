import KithControl
import KithCore
import KithMesh
import KithStorage

/// Joining and leaving communities while the node runs (communities.md, "Changes while a node
/// runs"): the community book is the truth, and `communities_reload` (``ControlService``) makes
/// the node follow it.
extension NodeRuntime {
    /// Makes the node a member of exactly `memberships`, in their order: beacons, inbound
    /// handshakes, replication and tail filters follow at once. Sessions sharing a community left,
    /// and sessions whose peer holds a community joined, are closed with `goodbye` 6
    /// (replication.md, "Joining and leaving") and reopened by discovery; handshakes in progress
    /// are dropped when a community is left (they may use its key). Peers heard only in
    /// communities left are forgotten.
    @discardableResult
    func changeCommunities(to memberships: [CommunityMembership]) -> CommunityChange {
        var keys: [CommunityKey] = []
        for membership in memberships where !keys.contains(membership.key) {
            keys.append(membership.key)
        }
        let before = Set(communities.map(\.id))
        let after = Set(keys.map(\.id))
        let left = communities.map(\.id).filter { !after.contains($0) }
        var joined: [CommunityMembership] = []
        for membership in memberships
        where !before.contains(membership.id) && !joined.contains(membership) {
            joined.append(membership)
        }
        let change = CommunityChange(joined: joined, left: left)
        guard !joined.isEmpty || !left.isEmpty else { return change }
        adopt(communities: keys)
        if !left.isEmpty { dropPendingHandshakes() }
        for key in directory.forgetCommunities(Set(left))
        where peerSessions.session(with: key) == nil {
            overlay.forget(key)
            emit(.peerLost(key: key))
        }
        perform(engine.handle(.communitiesChanged(keys)))
        sessions.flushAll()
        discovery.setCommunities(keys)
        emit(.communitiesChanged(joined: joined, left: left))
        applyOverlayDecisions()
        return change
    }

    /// Drops every connection still connecting or in its handshake: its handshake may use the
    /// key of a community left. Not the peer's fault: no backoff.
    private func dropPendingHandshakes() {
        let pending = sessions.connections.values.filter(\.isPending)
        for connection in pending.sorted(by: { $0.handle < $1.handle }) {
            connection.ending = .superseded
            sessions.abort(connection, reason: "communities changed")
        }
    }

    /// A beacon from `key` in the community `id`: when the session with `key` does not share it
    /// though both hold it (one of them joined after the session opened), the session is closed
    /// with `goodbye` 6 and discovery reopens it, sharing the community. At most once per
    /// ``ReopenLimiter/interval`` per peer, so a peer that beacons in a community it never proves
    /// cannot make the node reconnect without end.
    func reopenIfMissing(_ id: CommunityID, with key: PublicKey) {
        guard let handle = peerSessions.session(with: key), engine.misses(id, on: handle),
            reopenings.allows(key, now: loop.now)
        else { return }
        emit(.detail("reopening the session with \(key.fingerprint.short) to share a community"))
        perform(engine.handle(.closeRequested(handle, .communitiesChanged)))
    }

    /// Whether the node is in the community `id` now.
    func holds(_ id: CommunityID) -> Bool {
        communities.contains { $0.id == id }
    }
}
