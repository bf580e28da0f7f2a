/// Where beacons are sent (discovery.md, "Multicast groups and port").
public enum BeaconMulticast {
    /// The IPv4 group, administratively scoped (RFC 2365); sent with TTL 1.
    public static let ipv4Group = "239.255.107.105"

    /// The IPv6 group, link-local scope; sent with hop limit 1.
    public static let ipv6Group = "ff02::6b69:7468"

    /// The UDP port every beacon goes to: 27497 (`0x6b69`, "ki").
    public static let port: UInt16 = 27497

    /// The interval between rounds of beacons, in milliseconds.
    public static let intervalMilliseconds: UInt64 = 1000

    /// The largest random delay added to each interval, in milliseconds.
    public static let jitterMilliseconds: UInt64 = 250
}
