import KithSystem

/// Which interfaces and families a node uses for beacons (discovery.md, "Multicast groups and
/// port"). Pure: it works on an interface list, so it is tested without a network.
public enum InterfaceSelection {
    /// The links to use among `interfaces`.
    ///
    /// With no `names`, every interface that is up, supports multicast, is not a point-to-point
    /// link and is not the loopback interface. With `names`, exactly the named interfaces that are
    /// up (the loopback interface only this way). Each interface gives an IPv4 link when it has an
    /// IPv4 address, and an IPv6 link when it has an IPv6 link-local address (the beacon group is
    /// link-local: a loopback interface, which has none, carries IPv4 beacons only).
    public static func links(among interfaces: [NetworkInterface], names: [String])
        -> [MulticastLink]
    {
        var links: [MulticastLink] = []
        for interface in interfaces where isEligible(interface, names: names) {
            if let source = interface.ipv4Addresses.first {
                links.append(
                    MulticastLink(
                        interfaceName: interface.name, interfaceIndex: interface.index,
                        family: .ipv4, source: source))
            }
            if let source = interface.ipv6Addresses.first(where: \.isLinkLocal) {
                links.append(
                    MulticastLink(
                        interfaceName: interface.name, interfaceIndex: interface.index,
                        family: .ipv6, source: source))
            }
        }
        return links.sorted { $0.key < $1.key }
    }

    /// Whether `interface` is used at all.
    static func isEligible(_ interface: NetworkInterface, names: [String]) -> Bool {
        guard interface.flags.contains(.up) else { return false }
        if !names.isEmpty { return names.contains(interface.name) }
        return interface.flags.contains(.multicast)
            && !interface.flags.contains(.pointToPoint)
            && !interface.flags.contains(.loopback)
    }

    /// What changed between two scans: links that appeared (or whose source address changed) and
    /// links that are gone.
    public static func changes(from old: [MulticastLink], to new: [MulticastLink]) -> (
        added: [MulticastLink], removed: [MulticastLink]
    ) {
        let oldKeys = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let newKeys = Dictionary(new.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let added = new.filter { oldKeys[$0.key] == nil }
        let removed = old.filter { newKeys[$0.key] == nil }
        return (added, removed)
    }
}
