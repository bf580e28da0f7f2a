import KithSystem

/// One interface and address family on which a node joins the beacon group and sends beacons.
public struct MulticastLink: Hashable, Sendable, CustomStringConvertible {
    /// What identifies a link across rescans: the interface index and the family.
    public struct Key: Hashable, Sendable, Comparable {
        /// The interface's index.
        public let interfaceIndex: UInt32
        /// The family of the group joined.
        public let family: SocketAddress.Family

        /// Orders by index, IPv4 before IPv6.
        public static func < (lhs: Key, rhs: Key) -> Bool {
            if lhs.interfaceIndex != rhs.interfaceIndex {
                return lhs.interfaceIndex < rhs.interfaceIndex
            }
            return lhs.family == .ipv4 && rhs.family == .ipv6
        }
    }

    /// The interface's name.
    public let interfaceName: String
    /// The interface's index.
    public let interfaceIndex: UInt32
    /// The family.
    public let family: SocketAddress.Family
    /// The interface's own address that beacons are sent from (IPv4 needs it named: without it a
    /// loopback beacon carries the source 0.0.0.0).
    public let source: SocketAddress

    /// A link on interface `interfaceName` (`interfaceIndex`) for `family`, sending from `source`.
    public init(
        interfaceName: String, interfaceIndex: UInt32, family: SocketAddress.Family,
        source: SocketAddress
    ) {
        self.interfaceName = interfaceName
        self.interfaceIndex = interfaceIndex
        self.family = family
        self.source = source
    }

    /// The link's identity.
    public var key: Key { Key(interfaceIndex: interfaceIndex, family: family) }

    /// `eth0 IPv4`.
    public var description: String { "\(interfaceName) \(family)" }

    /// Whether `address`, this node's side of a connection, is on the interface `index` among
    /// `links`: an IPv6 link-local address by its scope, any other by being the address a link of
    /// that interface sends from (an IPv4-mapped address, as an inbound session on a dual-stack
    /// listener reports, as its IPv4 address).
    public static func isOnLink(
        _ address: SocketAddress, interfaceIndex index: UInt32, among links: [MulticastLink]
    ) -> Bool {
        let address = address.unmapped
        if address.family == .ipv6, address.scopeID != 0 { return address.scopeID == index }
        return links.contains {
            $0.interfaceIndex == index && $0.source.addressBytes == address.addressBytes
        }
    }
}
