/// How often a node beacons on a link, and how long it remembers a silent peer (discovery.md,
/// "Sending" and "Acting on beacons"): the interval grows with the peers heard on the link so that
/// each node receives about 20 beacons a second whatever the link's size.
public enum BeaconInterval {
    /// The interval between one address family's beacons on a link where `heard` peers are heard,
    /// when the node beacons in `families` families there (1 or 2), in milliseconds:
    /// `min(60 s, max(1 s, heard × families × 50 ms))`.
    public static func interval(heard: Int, families: Int = 1) -> UInt64 {
        let steps = UInt64(max(0, heard)) * UInt64(max(1, families))
        return min(60_000, max(1_000, steps * 50))
    }

    /// The most random delay added to an interval: a quarter of it, at least 250 ms.
    public static func jitter(heard: Int, families: Int = 1) -> UInt64 {
        max(250, interval(heard: heard, families: families) / 4)
    }

    /// How long a peer heard on a link with `heard` peers is remembered without a beacon, in
    /// milliseconds: `max(15 s, 4 × interval(heard, 2 families))`, long enough for a peer that
    /// beacons in both families.
    public static func forgetAfter(heard: Int) -> UInt64 {
        max(15_000, 4 * interval(heard: heard, families: 2))
    }
}
