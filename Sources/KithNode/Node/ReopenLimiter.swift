import KithCore

/// When the session with each peer was last reopened to share a community its beacons showed
/// (communities.md, "Changes while a node runs"): at most once per ``interval`` per peer, so a
/// peer that beacons in a community it never proves cannot make the node reconnect without end.
/// Lives on the loop thread.
final class ReopenLimiter {
    /// The least time between two sessions reopened with one peer for a community heard.
    static let interval: UInt64 = 30_000

    /// When each peer's session was last reopened; entries older than the interval are dropped.
    private var reopenedAt: [PublicKey: UInt64] = [:]

    /// Whether the session with `key` may be reopened at `now`; when it may, that is recorded.
    func allows(_ key: PublicKey, now: UInt64) -> Bool {
        if let last = reopenedAt[key], now < last + Self.interval { return false }
        reopenedAt = reopenedAt.filter { now < $0.value + Self.interval }
        reopenedAt[key] = now
        return true
    }
}
