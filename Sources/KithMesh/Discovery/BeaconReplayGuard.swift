import KithCore

/// Drops replayed and stale beacons, and the receiver's own (discovery.md, "Replay guard").
///
/// Keeps, for at most `capacity` runs `(nodeKey, bootID)`, the highest counter accepted and which of
/// the 64 counters below it were accepted; the least recently used run is forgotten when a new one
/// arrives at a full table. A beacon of a known run is fresh when its counter is higher, or is one of
/// the 64 below the highest not accepted yet (beacons sent on two sockets can overtake each other);
/// a beacon of an unknown run when its claimed time is within `window` of the receiver's clock.
/// Pure: the clock is a parameter.
public struct BeaconReplayGuard: Sendable {
    /// The recommended number of runs remembered.
    public static let defaultCapacity = 1024

    /// The recommended clock window: 5 minutes.
    public static let defaultWindowMilliseconds: UInt64 = 300_000

    /// A sender's run.
    private struct Run: Hashable, Sendable {
        let nodeKey: PublicKey
        let bootID: UInt64
    }

    /// What is remembered about a run.
    private struct Entry: Sendable {
        var highestCounter: UInt64
        /// Bit `i` is set when counter `highestCounter - i` was accepted.
        var seen: UInt64
        var lastUse: UInt64
    }

    /// How many counters below the highest are remembered.
    public static let windowCounters: UInt64 = 64

    /// The receiver's own node key; beacons carrying it are rejected.
    public let ownKey: PublicKey

    /// The most runs remembered.
    public let capacity: Int

    /// How far, in milliseconds, an unknown run's claimed time may be from the receiver's clock.
    public let windowMilliseconds: UInt64

    private var entries: [Run: Entry] = [:]
    private var useClock: UInt64 = 0

    /// A guard for the node `ownKey` remembering at most `capacity` runs (at least 1).
    public init(
        ownKey: PublicKey, capacity: Int = defaultCapacity,
        windowMilliseconds: UInt64 = defaultWindowMilliseconds
    ) {
        self.ownKey = ownKey
        self.capacity = max(capacity, 1)
        self.windowMilliseconds = windowMilliseconds
    }

    /// The number of runs remembered now.
    public var count: Int { entries.count }

    /// Judges `beacon`, received when the receiver's clock read `now` (milliseconds since 1970),
    /// and remembers it when it is accepted. A rejected beacon changes nothing.
    public mutating func admit(_ beacon: Beacon, now: UInt64) -> BeaconVerdict {
        admit(
            nodeKey: beacon.nodeKey, bootID: beacon.bootID, counter: beacon.counter,
            time: beacon.time, now: now)
    }

    /// Judges an entry datagram as a beacon (fastpath.md, "Receiving": the same guard, with a
    /// table of its own), and remembers it when it is accepted.
    public mutating func admit(_ datagram: EntryDatagram, now: UInt64) -> BeaconVerdict {
        admit(
            nodeKey: datagram.nodeKey, bootID: datagram.bootID, counter: datagram.counter,
            time: datagram.time, now: now)
    }

    private mutating func admit(
        nodeKey: PublicKey, bootID: UInt64, counter: UInt64, time: UInt64, now: UInt64
    ) -> BeaconVerdict {
        guard nodeKey != ownKey else { return .rejected(.ownBeacon) }
        let run = Run(nodeKey: nodeKey, bootID: bootID)
        useClock += 1
        if var entry = entries[run] {
            if counter > entry.highestCounter {
                let shift = counter - entry.highestCounter
                entry.seen = shift >= Self.windowCounters ? 1 : (entry.seen << shift) | 1
                entry.highestCounter = counter
            } else {
                let age = entry.highestCounter - counter
                let bit: UInt64 = age < Self.windowCounters ? 1 << age : 0
                guard bit != 0, entry.seen & bit == 0 else {
                    return .rejected(.replayed(highestAccepted: entry.highestCounter))
                }
                entry.seen |= bit
            }
            entry.lastUse = useClock
            entries[run] = entry
            return .accepted(firstOfRun: false)
        }
        let distance = time > now ? time - now : now - time
        guard distance <= windowMilliseconds else {
            return .rejected(.clockSkew(claimed: time, now: now))
        }
        if entries.count >= capacity,
            let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })
        {
            entries[oldest.key] = nil
        }
        entries[run] = Entry(highestCounter: counter, seen: 1, lastUse: useClock)
        return .accepted(firstOfRun: true)
    }
}
