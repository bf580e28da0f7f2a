#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// An IPv4 or IPv6 address with a port: what `sockaddr_in` and `sockaddr_in6` hold, as a value.
///
/// An IPv6 link-local address carries its scope: the index of the interface it is reached
/// through (`fe80::1%eth0`). Addresses are equal when family, bytes, port and scope are.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address family.
    public enum Family: Hashable, Sendable, CustomStringConvertible {
        /// IPv4: 4 address bytes.
        case ipv4
        /// IPv6: 16 address bytes.
        case ipv6

        /// `AF_INET` or `AF_INET6`.
        package var rawValue: Int32 { self == .ipv4 ? AF_INET : AF_INET6 }

        /// `IPv4` or `IPv6`.
        public var description: String { self == .ipv4 ? "IPv4" : "IPv6" }
    }

    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    public let addressBytes: [UInt8]
    /// The port (host byte order).
    public var port: UInt16
    /// For IPv6, the interface index of the address's scope (link-local addresses); else 0.
    public let scopeID: UInt32

    /// An IPv4 address from its 4 bytes.
    public init(ipv4 bytes: (UInt8, UInt8, UInt8, UInt8), port: UInt16) {
        addressBytes = [bytes.0, bytes.1, bytes.2, bytes.3]
        self.port = port
        scopeID = 0
    }

    /// An address from its 4 (IPv4) or 16 (IPv6) bytes; nil for any other length.
    public init?(bytes: [UInt8], port: UInt16, scopeID: UInt32 = 0) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        addressBytes = bytes
        self.port = port
        self.scopeID = bytes.count == 16 ? scopeID : 0
    }

    /// `0.0.0.0`: every IPv4 address of the host.
    public static func anyIPv4(port: UInt16) -> SocketAddress {
        SocketAddress(ipv4: (0, 0, 0, 0), port: port)
    }

    /// `::`: every IPv6 address of the host (and IPv4 too on a dual-stack socket).
    public static func anyIPv6(port: UInt16) -> SocketAddress {
        SocketAddress(unchecked: [UInt8](repeating: 0, count: 16), port: port, scopeID: 0)
    }

    /// `127.0.0.1`.
    public static func loopbackIPv4(port: UInt16) -> SocketAddress {
        SocketAddress(ipv4: (127, 0, 0, 1), port: port)
    }

    package init(unchecked bytes: [UInt8], port: UInt16, scopeID: UInt32) {
        addressBytes = bytes
        self.port = port
        self.scopeID = scopeID
    }

    /// The family, from the number of address bytes.
    public var family: Family { addressBytes.count == 4 ? .ipv4 : .ipv6 }

    /// The same address with another port.
    public func withPort(_ port: UInt16) -> SocketAddress {
        var copy = self
        copy.port = port
        return copy
    }

    /// Whether this is `127.0.0.0/8` or `::1`.
    public var isLoopback: Bool {
        switch family {
        case .ipv4: addressBytes[0] == 127
        case .ipv6: addressBytes == [UInt8](repeating: 0, count: 15) + [1]
        }
    }

    /// Whether this is an IPv6 link-local address (`fe80::/10`), which needs a scope.
    public var isLinkLocal: Bool {
        family == .ipv6 && addressBytes[0] == 0xfe && addressBytes[1] & 0xc0 == 0x80
    }

    /// Whether this is a multicast address (`224.0.0.0/4` or `ff00::/8`).
    public var isMulticast: Bool {
        switch family {
        case .ipv4: addressBytes[0] & 0xf0 == 0xe0
        case .ipv6: addressBytes[0] == 0xff
        }
    }

    /// Whether every address byte is zero (`0.0.0.0` or `::`).
    public var isUnspecified: Bool { addressBytes.allSatisfy { $0 == 0 } }

    /// An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, what a dual-stack socket reports for an
    /// IPv4 peer) as the plain IPv4 address; any other address unchanged.
    public var unmapped: SocketAddress {
        guard family == .ipv6,
            addressBytes.prefix(12).elementsEqual([UInt8](repeating: 0, count: 10) + [0xff, 0xff])
        else { return self }
        return SocketAddress(unchecked: Array(addressBytes.suffix(4)), port: port, scopeID: 0)
    }

    /// The address as text: `192.0.2.1`, `2001:db8::1`, `fe80::1%eth0` (the scope as the
    /// interface name when it still exists, else its number).
    /// The corresponding C functions are `inet_ntop` and `if_indextoname`.
    public var host: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let written = addressBytes.withUnsafeBytes { bytes in
            inet_ntop(family.rawValue, bytes.baseAddress, &buffer, socklen_t(buffer.count))
        }
        guard written != nil else { return "?" }
        let text = String(
            decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard scopeID != 0 else { return text }
        return text + "%" + (Self.interfaceName(scopeID) ?? String(scopeID))
    }

    /// `host:port`, with IPv6 hosts in brackets: `[fe80::1%eth0]:27497`.
    public var description: String {
        family == .ipv4 ? "\(host):\(port)" : "[\(host)]:\(port)"
    }

    /// The name of the interface with index `index`, if it exists.
    /// The corresponding C function is `if_indextoname`.
    package static func interfaceName(_ index: UInt32) -> String? {
        var name = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        guard if_indextoname(index, &name) != nil else { return nil }
        return String(
            decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
