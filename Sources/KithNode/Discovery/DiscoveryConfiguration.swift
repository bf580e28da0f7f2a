import KithMesh
import KithSystem

/// How a node discovers peers: which interfaces, which port and groups, which static peers, and
/// the timing of beacons and interface scans (discovery.md).
public struct DiscoveryConfiguration: Sendable, Equatable {
    /// The interfaces to use, by name; empty means every suitable interface (never loopback).
    public var interfaceNames: [String] = []
    /// The UDP port beacons are sent to and received on: 27497. 0 binds any free port (tests):
    /// multicast then reaches no one else, static peers still work.
    public var port: UInt16 = BeaconMulticast.port
    /// Whether to join the multicast groups and send beacons to them.
    public var usesMulticast = true
    /// Discovery sockets of peers that beacons are also sent to by unicast (`--peer`), such as
    /// `192.0.2.7:27497`.
    public var staticPeers: [SocketAddress] = []
    /// The IPv4 group, `239.255.107.105`.
    public var ipv4Group = SocketAddress(ipv4: (239, 255, 107, 105), port: 0)
    /// The IPv6 group, `ff02::6b69:7468`.
    public var ipv6Group = SocketAddress(
        unchecked: [0xff, 0x02] + [UInt8](repeating: 0, count: 10) + [0x6b, 0x69, 0x74, 0x68],
        port: 0, scopeID: 0)
    /// Milliseconds between rounds of beacons: 1 second.
    public var beaconInterval: UInt64 = BeaconMulticast.intervalMilliseconds
    /// The largest random delay added to each interval: 250 ms.
    public var beaconJitter: UInt64 = BeaconMulticast.jitterMilliseconds
    /// Milliseconds between interface scans: 2 seconds.
    public var rescanInterval: UInt64 = 2_000
    /// Datagrams one source address may send on average per second before the rest are dropped
    /// unread.
    public var datagramsPerSecondPerSource: Double = 20
    /// Datagrams one source may send at once.
    public var datagramBurstPerSource: Double = 40
    /// Datagrams per second read from everyone together.
    public var datagramsPerSecond: Double = 1_000
    /// The shortest time between two unicast answers to one source address.
    public var answerInterval: UInt64 = 1_000

    /// The defaults of discovery.md: every suitable interface, port 27497, no static peers.
    public init() {}
}
