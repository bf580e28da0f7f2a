import CKithSystem
import Testing

@testable import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

@Suite("Socket addresses")
struct SocketAddressTests {
    @Test("numeric IPv4 and IPv6 hosts parse to their bytes and print back")
    func parsesNumericHosts() throws {
        let ipv4 = try #require(SocketAddress(numericHost: "192.0.2.7", port: 4100))
        #expect(ipv4.family == .ipv4)
        #expect(ipv4.addressBytes == [192, 0, 2, 7])
        #expect(ipv4.description == "192.0.2.7:4100")

        let ipv6 = try #require(SocketAddress(numericHost: "2001:db8::1", port: 27497))
        #expect(ipv6.family == .ipv6)
        #expect(
            ipv6.addressBytes == [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1])
        #expect(ipv6.description == "[2001:db8::1]:27497")
        #expect(ipv6.scopeID == 0)
    }

    @Test("a scoped link-local address keeps its interface, by name or by index")
    func parsesScopes() throws {
        let byName = try #require(SocketAddress(numericHost: "fe80::1%lo", port: 1))
        let loopbackIndex = if_nametoindex("lo")
        #expect(byName.scopeID == loopbackIndex)
        #expect(byName.isLinkLocal)
        #expect(byName.host == "fe80::1%lo")
        let byIndex = try #require(SocketAddress(numericHost: "fe80::1%\(loopbackIndex)", port: 1))
        #expect(byIndex == byName)
        #expect(SocketAddress(numericHost: "fe80::1%no-such-interface", port: 1) == nil)
    }

    @Test("what is not a numeric address is refused")
    func refusesOtherText() {
        for text in ["", "example.org", "1.2.3", "1.2.3.4.5", "::g", "192.0.2.1%lo"] {
            #expect(SocketAddress(numericHost: text, port: 1) == nil, "\(text)")
        }
    }

    @Test("host and port split in every accepted form, with a default port")
    func splitsHostAndPort() {
        func split(_ text: String, _ defaultPort: UInt16) -> String? {
            SocketAddress.splitHostAndPort(text, defaultPort: defaultPort).map {
                "\($0.host) \($0.port)"
            }
        }
        #expect(split("10.0.0.1", 27497) == "10.0.0.1 27497")
        #expect(split("10.0.0.1:5000", 1) == "10.0.0.1 5000")
        #expect(split("[fe80::1%eth0]:6000", 1) == "fe80::1%eth0 6000")
        #expect(split("[::1]", 7) == "::1 7")
        #expect(split("fe80::1", 7) == "fe80::1 7")
        #expect(split("host:0", 7) == nil)
        #expect(split("host:99999", 7) == nil)
        #expect(split(":80", 7) == nil)
        #expect(split("[::1]x", 7) == nil)
    }

    @Test("sockaddr_in and sockaddr_in6 round trip, scope and port included")
    func roundTripsThroughSockaddr() throws {
        let addresses = [
            SocketAddress.loopbackIPv4(port: 80),
            SocketAddress.anyIPv6(port: 65535),
            try #require(SocketAddress(numericHost: "fe80::abcd%lo", port: 27497)),
            try #require(SocketAddress(numericHost: "2001:db8::5", port: 1)),
        ]
        for address in addresses {
            let copy = address.withSockaddr { pointer, length -> SocketAddress? in
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(start: pointer, count: Int(length)))
                }
                return SocketAddress(storage: storage)
            }
            #expect(copy == address)
        }
    }

    @Test("an IPv4-mapped IPv6 address reads as the IPv4 address")
    func unmapsIPv4() throws {
        let mapped = try #require(SocketAddress(numericHost: "::ffff:192.0.2.9", port: 12))
        #expect(mapped.unmapped == SocketAddress(ipv4: (192, 0, 2, 9), port: 12))
        let plain = try #require(SocketAddress(numericHost: "2001:db8::9", port: 12))
        #expect(plain.unmapped == plain)
    }

    @Test("address classes: loopback, link-local, multicast")
    func classifiesAddresses() throws {
        #expect(SocketAddress.loopbackIPv4(port: 0).isLoopback)
        #expect(try #require(SocketAddress(numericHost: "::1", port: 0)).isLoopback)
        #expect(try #require(SocketAddress(numericHost: "239.255.107.105", port: 0)).isMulticast)
        #expect(try #require(SocketAddress(numericHost: "ff02::6b69:7468", port: 0)).isMulticast)
        #expect(!SocketAddress.loopbackIPv4(port: 0).isMulticast)
    }

    @Test("numeric names resolve without a resolver")
    func resolvesNumericHosts() {
        #expect(SocketAddress.resolve(host: "127.0.0.1", port: 9) == [.loopbackIPv4(port: 9)])
    }
}
