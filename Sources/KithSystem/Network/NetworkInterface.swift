import CKithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// One network interface of the host as `getifaddrs` reports it: name, index, flags, addresses.
public struct NetworkInterface: Hashable, Sendable, CustomStringConvertible {
    /// The interface flags a node looks at.
    public struct Flags: OptionSet, Hashable, Sendable {
        /// The flag bits (`IFF_*`).
        public let rawValue: UInt32

        /// Flags from their bits.
        public init(rawValue: UInt32) {
            self.rawValue = rawValue
        }

        /// `IFF_UP`: administratively up.
        public static let up = Flags(rawValue: UInt32(IFF_UP))
        /// `IFF_RUNNING`: the link has carrier.
        public static let running = Flags(rawValue: UInt32(IFF_RUNNING))
        /// `IFF_LOOPBACK`: the loopback interface.
        public static let loopback = Flags(rawValue: UInt32(IFF_LOOPBACK))
        /// `IFF_POINTOPOINT`: a point-to-point link (a tunnel).
        public static let pointToPoint = Flags(rawValue: UInt32(IFF_POINTOPOINT))
        /// `IFF_MULTICAST`: supports multicast.
        public static let multicast = Flags(rawValue: UInt32(IFF_MULTICAST))
    }

    /// The interface's name, such as `eth0`.
    public let name: String
    /// The interface's index (what scope ids and multicast options name).
    public let index: UInt32
    /// Its flags.
    public let flags: Flags
    /// Its IPv4 addresses (port 0), in the order the system lists them.
    public let ipv4Addresses: [SocketAddress]
    /// Its IPv6 addresses (port 0), link-local ones scoped to this interface.
    public let ipv6Addresses: [SocketAddress]

    /// An interface with the given facts.
    public init(
        name: String, index: UInt32, flags: Flags, ipv4Addresses: [SocketAddress],
        ipv6Addresses: [SocketAddress]
    ) {
        self.name = name
        self.index = index
        self.flags = flags
        self.ipv4Addresses = ipv4Addresses
        self.ipv6Addresses = ipv6Addresses
    }

    /// `name#index`.
    public var description: String { "\(name)#\(index)" }

    /// The addresses of `family`.
    public func addresses(_ family: SocketAddress.Family) -> [SocketAddress] {
        family == .ipv4 ? ipv4Addresses : ipv6Addresses
    }

    /// The host's interfaces, by index.
    /// The corresponding C functions are `getifaddrs` and `if_nametoindex`.
    public static func current() throws(SystemCallError) -> [NetworkInterface] {
        var list: UnsafeMutablePointer<ifaddrs>?
        _ = try systemCall("getifaddrs") { getifaddrs(&list) }
        defer { freeifaddrs(list) }
        var builders: [UInt32: Builder] = [:]
        var cursor = list
        while let node = cursor {
            cursor = node.pointee.ifa_next
            guard let rawName = node.pointee.ifa_name else { continue }
            // An alias label such as `eth0:1` belongs to `eth0`.
            let fullName = String(cString: rawName)
            let name = String(fullName.split(separator: ":").first ?? Substring(fullName))
            let index = if_nametoindex(name)
            guard index != 0 else { continue }
            var builder = builders[index] ?? Builder(name: name, index: index)
            builder.flags.formUnion(Flags(rawValue: node.pointee.ifa_flags))
            if let raw = node.pointee.ifa_addr {
                builder.add(address(at: raw), index: index)
            }
            builders[index] = builder
        }
        return builders.values.map(\.interface).sorted { $0.index < $1.index }
    }

    /// Reads an IPv4 or IPv6 address from a `sockaddr` of `getifaddrs`.
    private static func address(at raw: UnsafeMutablePointer<sockaddr>) -> SocketAddress? {
        let family = Int32(raw.pointee.sa_family)
        var storage = sockaddr_storage()
        let size: Int
        switch family {
        case AF_INET: size = MemoryLayout<sockaddr_in>.size
        case AF_INET6: size = MemoryLayout<sockaddr_in6>.size
        default: return nil
        }
        withUnsafeMutableBytes(of: &storage) {
            $0.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: size))
        }
        return SocketAddress(storage: storage)
    }

    /// Collects one interface's entries.
    private struct Builder {
        let name: String
        let index: UInt32
        var flags: Flags = []
        var ipv4: [SocketAddress] = []
        var ipv6: [SocketAddress] = []

        mutating func add(_ address: SocketAddress?, index: UInt32) {
            guard let address else { return }
            switch address.family {
            case .ipv4:
                if !ipv4.contains(address) { ipv4.append(address) }
            case .ipv6:
                let scoped =
                    address.isLinkLocal
                    ? SocketAddress(
                        unchecked: address.addressBytes, port: 0, scopeID: index)
                    : address
                if !ipv6.contains(scoped) { ipv6.append(scoped) }
            }
        }

        var interface: NetworkInterface {
            NetworkInterface(
                name: name, index: index, flags: flags, ipv4Addresses: ipv4, ipv6Addresses: ipv6)
        }
    }
}
