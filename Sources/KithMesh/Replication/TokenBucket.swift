/// A token bucket on the engine's millisecond clock: it holds at most `capacity` tokens, gains
/// `perMinute` tokens each minute, and starts full. Counted in 1/60,000ths of a token (one
/// minute's milliseconds), so that every rate refills exactly, with no floating point.
public struct TokenBucket: Sendable, Hashable {
    /// The most tokens the bucket holds: the largest burst.
    public let capacity: UInt64
    /// The tokens gained per minute: the sustained rate.
    public let perMinute: UInt64
    private static let scale: UInt64 = 60_000
    private var parts: UInt64
    private var updated: UInt64

    /// A full bucket at time `now`.
    public init(capacity: UInt64, perMinute: UInt64, now: UInt64) {
        self.capacity = capacity
        self.perMinute = perMinute
        self.parts = Self.scaled(capacity)
        self.updated = now
    }

    /// The whole tokens available at `now`.
    public func available(now: UInt64) -> UInt64 {
        refilled(now: now) / Self.scale
    }

    /// Takes `count` tokens at `now` if that many are available; false (and nothing taken)
    /// otherwise.
    public mutating func take(_ count: UInt64, now: UInt64) -> Bool {
        parts = refilled(now: now)
        updated = max(updated, now)
        let cost = Self.scaled(count)
        guard parts >= cost else { return false }
        parts -= cost
        return true
    }

    /// The parts held at `now`: one minute's milliseconds each gain `perMinute` parts per
    /// millisecond. A clock that went back adds nothing.
    private func refilled(now: UInt64) -> UInt64 {
        let elapsed = now > updated ? now - updated : 0
        let (gain, overflow) = elapsed.multipliedReportingOverflow(by: perMinute)
        let (sum, sumOverflow) = parts.addingReportingOverflow(gain)
        let limit = Self.scaled(capacity)
        return overflow || sumOverflow ? limit : min(sum, limit)
    }

    /// `count` tokens in parts, saturating.
    private static func scaled(_ count: UInt64) -> UInt64 {
        let (value, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? .max : value
    }
}
