/// Token buckets per source, for datagrams and handshakes a peer may send: each source may spend
/// `burst` at once and earns `perSecond` more each second, up to `burst`. Pure: the caller says
/// what time it is (milliseconds of a monotonic clock).
///
/// Memory is bounded: at most `capacity` sources are remembered; when a new source arrives at a
/// full table the one seen least recently is forgotten (it starts again with a full bucket).
public struct SourceRateLimiter<Source: Hashable & Sendable>: Sendable {
    private struct Bucket: Sendable {
        var tokens: Double
        var updated: UInt64
    }

    /// The most tokens a source holds.
    public let burst: Double
    /// Tokens earned per second.
    public let perSecond: Double
    /// The most sources remembered.
    public let capacity: Int

    private var buckets: [Source: Bucket] = [:]

    /// A limiter allowing `burst` at once and `perSecond` on average, per source, remembering at
    /// most `capacity` sources.
    public init(burst: Double, perSecond: Double, capacity: Int = 1_024) {
        self.burst = max(burst, 1)
        self.perSecond = max(perSecond, 0)
        self.capacity = max(capacity, 1)
    }

    /// The number of sources remembered.
    public var count: Int { buckets.count }

    /// Whether `source` may spend one token at `now`; if so, spends it.
    public mutating func allow(_ source: Source, now: UInt64) -> Bool {
        var bucket = buckets[source] ?? admitNew(now: now)
        let elapsed = Double(now >= bucket.updated ? now - bucket.updated : 0) / 1000
        bucket.tokens = min(burst, bucket.tokens + elapsed * perSecond)
        bucket.updated = now
        let allowed = bucket.tokens >= 1
        if allowed { bucket.tokens -= 1 }
        buckets[source] = bucket
        return allowed
    }

    /// Gives back the token `source` spent on something that turned out not to count (a node's
    /// own datagram looped back to it). A source not remembered gets nothing.
    public mutating func refund(_ source: Source) {
        guard var bucket = buckets[source] else { return }
        bucket.tokens = min(burst, bucket.tokens + 1)
        buckets[source] = bucket
    }

    /// A full bucket for a new source, making room first when the table is full.
    private mutating func admitNew(now: UInt64) -> Bucket {
        if buckets.count >= capacity,
            let stalest = buckets.min(by: { $0.value.updated < $1.value.updated })
        {
            buckets[stalest.key] = nil
        }
        return Bucket(tokens: burst, updated: now)
    }
}
