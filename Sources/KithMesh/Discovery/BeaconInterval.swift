/// How often a node beacons on a link, and how long it remembers a silent peer (discovery.md,
/// "Sending" and "Acting on beacons"): the interval grows with the peers heard on the link so that
/// each node receives about 20 beacons a second whatever the link's size.
public enum BeaconInterval {
    /// The interval on a link where `heard` peers are heard, in milliseconds:
    /// `min(60 s, max(1 s, heard × 50 ms))`.
    public static func interval(heard: Int) -> UInt64 {
        min(60_000, max(1_000, UInt64(max(0, heard)) * 50))
    }

    /// The most random delay added to an interval: a quarter of it, at least 250 ms.
    public static func jitter(heard: Int) -> UInt64 {
        max(250, interval(heard: heard) / 4)
    }

    /// How long a peer heard on a link with `heard` peers is remembered without a beacon, in
    /// milliseconds: `max(15 s, 4 × interval)`.
    public static func forgetAfter(heard: Int) -> UInt64 {
        max(15_000, 4 * interval(heard: heard))
    }
}
