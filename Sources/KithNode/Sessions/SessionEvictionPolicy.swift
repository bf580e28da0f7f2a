import KithMesh

/// Whom to let go when a new session would exceed the cap on concurrent sessions.
///
/// Refusing every newcomer would lock a late joiner out of a busy node forever, while letting every
/// newcomer in would churn. So a newcomer replaces the established session that has been least
/// useful lately: the one whose peer has gone longest without giving this node an entry it did not
/// have (its establishment time when it never has), among sessions old enough to have had a fair
/// chance (`minimumAge`). When no session is that old, the newcomer is refused. Pure: time is a
/// parameter.
struct SessionEvictionPolicy {
    /// A session that may be let go.
    struct Candidate: Equatable {
        var handle: PeerHandle
        /// When the session was established (monotonic milliseconds).
        var establishedAt: UInt64
        /// When the peer last gave this node a new entry, if ever in this session.
        var lastNewEntryAt: UInt64?
    }

    /// How long a session is kept before it may be let go for a newcomer: 60 s.
    var minimumAge: UInt64 = 60_000

    /// The session to close to make room, or nil to refuse the newcomer.
    func victim(among candidates: [Candidate], now: UInt64) -> PeerHandle? {
        candidates
            .filter { now >= $0.establishedAt && now - $0.establishedAt >= minimumAge }
            .min { first, second in
                let firstUseful = first.lastNewEntryAt ?? first.establishedAt
                let secondUseful = second.lastNewEntryAt ?? second.establishedAt
                return firstUseful != secondUseful
                    ? firstUseful < secondUseful : first.handle < second.handle
            }?.handle
    }
}
