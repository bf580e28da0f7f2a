import KithCore

/// When a node connects to a peer it heard (discovery.md, "Acting on beacons"). Pure.
///
/// The node whose key is smaller, byte by byte, connects at once; the other waits and connects
/// only if no session exists `fallbackDelay` after it started waiting (the peer may not hear
/// multicast). Failed connections are retried with exponential backoff from `minimumBackoff` to
/// `maximumBackoff`.
public struct DialPolicy: Sendable, Equatable {
    /// How long the node with the larger key waits: 3 seconds.
    public var fallbackDelay: UInt64 = 3_000
    /// The first retry delay after a failure: 1 second.
    public var minimumBackoff: UInt64 = 1_000
    /// The longest retry delay: 60 seconds.
    public var maximumBackoff: UInt64 = 60_000

    /// The defaults of discovery.md.
    public init() {}

    /// Whether `local` connects first to `remote`: its key is smaller, byte by byte.
    public static func dialsFirst(local: PublicKey, remote: PublicKey) -> Bool {
        local.bytes.lexicographicallyPrecedes(remote.bytes)
    }

    /// The delay before the next attempt after `failures` failed ones in a row (at least 1).
    public func backoff(afterFailures failures: Int) -> UInt64 {
        guard failures > 0 else { return 0 }
        let doublings = min(failures - 1, 16)
        return min(maximumBackoff, minimumBackoff << UInt64(doublings))
    }

    /// The earliest time (monotonic milliseconds) `local` may dial `remote` when it has been
    /// waiting for a session since `waitingSince` and the backoff allows an attempt from
    /// `retryAllowedAt`.
    public func earliestDial(
        local: PublicKey, remote: PublicKey, waitingSince: UInt64, retryAllowedAt: UInt64
    ) -> UInt64 {
        let byKeyOrder =
            Self.dialsFirst(local: local, remote: remote)
            ? waitingSince : waitingSince &+ fallbackDelay
        return max(byKeyOrder, retryAllowedAt)
    }
}
