import KithCore
import KithMesh
import KithSystem
import Testing

@testable import KithNode

@Suite("Discovery configuration")
struct DiscoveryConfigurationTests {
    @Test("the default groups are those of Protocol/discovery.md")
    func defaultGroups() {
        #expect(DiscoveryConfiguration().ipv6Group.description == "[ff02::6b69:7468]:0")
        #expect(DiscoveryConfiguration().ipv4Group.description == "239.255.107.105:0")
    }
}

@Suite("Beacon interval")
struct BeaconIntervalTests {
    @Test("one beacon a second up to 20 peers and families, then 50 ms more each, at most a minute")
    func interval() {
        #expect(BeaconInterval.interval(heard: 0) == 1_000)
        #expect(BeaconInterval.interval(heard: 20) == 1_000)
        #expect(BeaconInterval.interval(heard: 10, families: 2) == 1_000)
        #expect(BeaconInterval.interval(heard: 100) == 5_000)
        #expect(BeaconInterval.interval(heard: 100, families: 2) == 10_000)
        #expect(BeaconInterval.interval(heard: 5_000) == 60_000)
        #expect(BeaconInterval.forgetAfter(heard: 5) == 15_000)
        #expect(BeaconInterval.forgetAfter(heard: 100) == 40_000)
        #expect(BeaconInterval.jitter(heard: 10) == 250)
        #expect(BeaconInterval.jitter(heard: 100) == 1_250)
    }
}

@Suite("Peer directory")
struct PeerDirectoryTests {
    private let community = DefaultCommunity.key
    private let other = CommunityKey.generate()

    @Test("beacons add a peer once, keep its latest address first and its communities")
    func remembersPeers() throws {
        var directory = PeerDirectory()
        let key = SigningKey.generate().publicKey
        let first = SocketAddress(ipv4: (10, 0, 0, 1), port: 4000)
        let second = SocketAddress(ipv4: (10, 0, 0, 2), port: 4000)
        let newAtFirst = directory.heard(key, community: community, address: first, now: 0)
        let newAtSecond = directory.heard(key, community: other, address: second, now: 500)
        let newAtThird = directory.heard(key, community: community, address: second, now: 600)
        #expect([newAtFirst, newAtSecond, newAtThird] == [true, false, false])
        let peer = try #require(directory[key])
        #expect(peer.addresses == [second, first])
        #expect(peer.latestAddress == second)
        #expect(peer.communities == [community, other])
        #expect(peer.latestCommunity == community)
        #expect(peer.firstHeard == 0)
        #expect(peer.lastHeard == 600)
    }

    @Test("a peer silent for the time given is forgotten, not before")
    func forgetsSilentPeers() {
        var directory = PeerDirectory()
        let quiet = SigningKey.generate().publicKey
        let chatty = SigningKey.generate().publicKey
        let address = SocketAddress(ipv4: (10, 0, 0, 1), port: 4000)
        directory.heard(quiet, community: community, address: address, now: 0)
        directory.heard(chatty, community: community, address: address, now: 0)
        directory.heard(chatty, community: community, address: address, now: 10_000)
        let early = directory.forgetSilent(now: 14_999, after: 15_000)
        let due = directory.forgetSilent(now: 15_000, after: 15_000)
        #expect(early.isEmpty)
        #expect(due == [quiet])
        #expect(directory.count == 1)
        #expect(directory[chatty] != nil)
    }

    @Test("a silent peer with a session is kept until the session ends, then forgotten")
    func keepsPeersWithSessions() {
        var directory = PeerDirectory()
        let address = SocketAddress(ipv4: (10, 0, 0, 1), port: 4000)
        let peer = SigningKey.generate().publicKey
        directory.heard(peer, community: community, address: address, now: 0)
        #expect(directory.forgetSilent(now: 20_000, after: 15_000, keeping: [peer]).isEmpty)
        #expect(directory[peer]?.latestAddress == address)
        #expect(directory.forgetSilent(now: 21_000, after: 15_000) == [peer])
        #expect(directory[peer] == nil)
    }

    @Test("a group beacon's flag says per link whether the peer reads entry datagrams, for a while")
    func readsEntryDatagramsPerLink() {
        var directory = PeerDirectory()
        let peer = SigningKey.generate().publicKey
        let address = SocketAddress(ipv4: (10, 0, 0, 1), port: 4000)
        func reads(_ index: UInt32, at now: UInt64) -> Bool {
            directory.readsEntryDatagrams(peer, onInterface: index, now: now, within: 15_000)
        }
        // A unicast beacon (a static peer) says nothing of any link's group, flag or not.
        directory.heard(
            peer, community: community, address: address, now: 0, flags: .readsEntryDatagrams)
        #expect(!reads(3, at: 0))
        directory.heard(
            peer, community: community, address: address, now: 1_000, groupInterface: 3,
            flags: .readsEntryDatagrams)
        #expect(reads(3, at: 1_000))
        #expect(!reads(4, at: 1_000))
        #expect(reads(3, at: 15_999))
        #expect(!reads(3, at: 16_000))
        // A later group beacon without the flag (or from a sender that has no flags byte) ends it.
        directory.heard(
            peer, community: community, address: address, now: 2_000, groupInterface: 3,
            flags: .readsEntryDatagrams)
        directory.heard(peer, community: community, address: address, now: 2_500, groupInterface: 3)
        #expect(!reads(3, at: 2_500))
        #expect(
            !directory.readsEntryDatagrams(
                SigningKey.generate().publicKey, onInterface: 3, now: 2_500, within: 15_000))
    }

    @Test("the directory and each peer's addresses stay bounded")
    func staysBounded() throws {
        var directory = PeerDirectory(capacity: 4)
        let keys = (0..<10).map { _ in SigningKey.generate().publicKey }
        for (index, key) in keys.enumerated() {
            directory.heard(
                key, community: community, address: SocketAddress(ipv4: (10, 0, 0, 1), port: 1),
                now: UInt64(index))
        }
        #expect(directory.count == 4)
        #expect(Set(directory.all.map(\.key)) == Set(keys.suffix(4)))

        let key = SigningKey.generate().publicKey
        for port in 1...50 {
            directory.heard(
                key, community: community,
                address: SocketAddress(ipv4: (10, 0, 0, 1), port: UInt16(port)), now: 100)
        }
        let peer = try #require(directory[key])
        #expect(peer.addresses.count == HeardPeer.addressLimit)
        #expect(peer.latestAddress?.port == 50)
    }
}

@Suite("Sessions over a link")
struct SessionOverLinkTests {
    private let links = [
        MulticastLink(
            interfaceName: "e-lan", interfaceIndex: 2, family: .ipv4,
            source: SocketAddress(ipv4: (10, 0, 0, 3), port: 0)),
        MulticastLink(
            interfaceName: "e-lan", interfaceIndex: 2, family: .ipv6,
            source: SocketAddress(
                bytes: [0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [3], port: 0,
                scopeID: 2)!),
    ]

    @Test("a connection's own address is on a link by its scope or the link's source address")
    func ownAddressOnLink() throws {
        let ipv4 = SocketAddress(ipv4: (10, 0, 0, 3), port: 41_000)
        let otherIPv4 = SocketAddress(ipv4: (10, 0, 0, 4), port: 41_000)
        // What a dual-stack listener reports for an inbound IPv4 session: ::ffff:10.0.0.3.
        let mapped = try #require(
            SocketAddress(
                bytes: [UInt8](repeating: 0, count: 10) + [0xff, 0xff, 10, 0, 0, 3], port: 41_000))
        let linkLocal = try #require(
            SocketAddress(
                bytes: [0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [3], port: 41_000,
                scopeID: 2))
        let elsewhere = try #require(
            SocketAddress(
                bytes: [0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [3], port: 41_000,
                scopeID: 5))
        #expect(MulticastLink.isOnLink(ipv4, interfaceIndex: 2, among: links))
        #expect(MulticastLink.isOnLink(mapped, interfaceIndex: 2, among: links))
        #expect(MulticastLink.isOnLink(linkLocal, interfaceIndex: 2, among: links))
        #expect(!MulticastLink.isOnLink(otherIPv4, interfaceIndex: 2, among: links))
        #expect(!MulticastLink.isOnLink(ipv4, interfaceIndex: 3, among: links))
        #expect(!MulticastLink.isOnLink(elsewhere, interfaceIndex: 2, among: links))
    }
}

@Suite("Source rate limiter")
struct SourceRateLimiterTests {
    @Test("a source spends its burst, then earns tokens at its rate")
    func burstsAndRefills() {
        var limiter = SourceRateLimiter<String>(burst: 3, perSecond: 2)
        let burst = (0..<4).map { _ in limiter.allow("a", now: 0) }
        #expect(burst == [true, true, true, false])
        let other = limiter.allow("b", now: 0)
        #expect(other)
        let steps = [499, 500, 500].map { limiter.allow("a", now: UInt64($0)) }
        #expect(steps == [false, true, false])
        // Idle time refills to the burst, not beyond.
        let refilled = (0..<4).map { _ in limiter.allow("a", now: 100_000) }
        #expect(refilled == [true, true, true, false])
    }

    @Test("at most capacity sources are remembered; the stalest goes first")
    func boundsSources() {
        var limiter = SourceRateLimiter<Int>(burst: 1, perSecond: 0, capacity: 3)
        let first = (0..<3).map { limiter.allow($0, now: UInt64($0)) }
        #expect(first == [true, true, true])
        let again = limiter.allow(0, now: 10)
        let newcomer = limiter.allow(3, now: 11)
        #expect(!again)
        #expect(newcomer)
        #expect(limiter.count == 3)
        // Source 1 (least recently seen) was forgotten and starts afresh.
        let forgotten = limiter.allow(1, now: 12)
        #expect(forgotten)
    }
}

@Suite("Interface selection")
struct InterfaceSelectionTests {
    private func interface(
        _ name: String, _ index: UInt32, _ flags: NetworkInterface.Flags, ipv4: Bool = true,
        linkLocal: Bool = true
    ) -> NetworkInterface {
        NetworkInterface(
            name: name, index: index, flags: flags,
            ipv4Addresses: ipv4 ? [SocketAddress(ipv4: (10, 0, 0, UInt8(index)), port: 0)] : [],
            ipv6Addresses: linkLocal
                ? [SocketAddress(numericHost: "fe80::\(index)%\(index)", port: 0)].compactMap { $0 }
                : [])
    }

    private var interfaces: [NetworkInterface] {
        [
            interface("lo", 1, [.up, .running, .loopback], linkLocal: false),
            interface("eth0", 2, [.up, .running, .multicast]),
            interface("tun0", 3, [.up, .running, .multicast, .pointToPoint]),
            interface("eth1", 4, [.multicast]),
            interface("eth2", 5, [.up, .multicast], ipv4: false),
            interface("dummy", 6, [.up]),
        ]
    }

    @Test("by default: up, multicast, not point-to-point, not loopback; per family with an address")
    func automaticSelection() {
        let links = InterfaceSelection.links(among: interfaces, names: [])
        #expect(links.map(\.description) == ["eth0 IPv4", "eth0 IPv6", "eth2 IPv6"])
        #expect(links.first?.source == SocketAddress(ipv4: (10, 0, 0, 2), port: 0))
    }

    @Test("named interfaces only, loopback included when named, down ones never")
    func namedSelection() {
        let links = InterfaceSelection.links(among: interfaces, names: ["lo", "eth1", "tun0"])
        #expect(links.map(\.description) == ["lo IPv4", "tun0 IPv4", "tun0 IPv6"])
    }

    @Test("changes report new links and gone links")
    func changes() {
        let before = InterfaceSelection.links(among: interfaces, names: [])
        var later = interfaces
        later.removeAll { $0.name == "eth2" }
        later.append(interface("eth3", 7, [.up, .multicast], linkLocal: false))
        let after = InterfaceSelection.links(among: later, names: [])
        let (added, removed) = InterfaceSelection.changes(from: before, to: after)
        #expect(added.map(\.description) == ["eth3 IPv4"])
        #expect(removed.map(\.description) == ["eth2 IPv6"])
    }

    @Test("the host's own interface list includes loopback with its address")
    func listsHostInterfaces() throws {
        let loopback = try #require(try NetworkInterface.current().first { $0.name == "lo" })
        #expect(loopback.flags.contains(.loopback))
        #expect(loopback.ipv4Addresses.contains(.loopbackIPv4(port: 0)))
    }
}
