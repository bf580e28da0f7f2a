import KithTestSupport
import Testing

@testable import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// UDP on the loopback interface only.
@Suite("UDP sockets on loopback")
struct UDPSocketTests {
    /// A nonblocking UDP socket bound to a free port of 127.0.0.1, reporting packet info.
    private func boundReceiver() throws -> (Socket, SocketAddress) {
        let socket = try Socket.make(.ipv4, .datagram)
        try socket.setReceivesPacketInfo(.ipv4)
        try socket.bind(to: .loopbackIPv4(port: 0))
        return (socket, try socket.localAddress())
    }

    @Test("a datagram sent to a bound socket arrives with its source and arrival interface")
    func sendsAndReceives() throws {
        let (receiver, address) = try boundReceiver()
        defer { receiver.close() }
        #expect(address.port != 0)
        #expect(try receiver.receiveDatagram(maximumCount: 64) == nil)

        let sender = try Socket.make(.ipv4, .datagram)
        defer { sender.close() }
        try sender.bind(to: .loopbackIPv4(port: 0))
        let senderAddress = try sender.localAddress()
        #expect(try sender.send([1, 2, 3, 4], to: address))

        try waitForSocket(receiver, .readable)
        let datagram = try #require(try receiver.receiveDatagram(maximumCount: 64))
        #expect(datagram.bytes == [1, 2, 3, 4])
        #expect(datagram.source == senderAddress)
        #expect(datagram.interfaceIndex == if_nametoindex("lo"))
        #expect(!datagram.wasMulticast)
        #expect(!datagram.wasTruncated)
    }

    @Test("a datagram longer than asked for is reported truncated, cut to the size asked")
    func reportsTruncation() throws {
        let (receiver, address) = try boundReceiver()
        defer { receiver.close() }
        let sender = try Socket.make(.ipv4, .datagram)
        defer { sender.close() }
        #expect(try sender.send([UInt8](repeating: 7, count: 300), to: address))
        try waitForSocket(receiver, .readable)
        let datagram = try #require(try receiver.receiveDatagram(maximumCount: 256))
        #expect(datagram.wasTruncated)
        #expect(datagram.bytes.count == 256)
    }

    @Test("two sockets share a port with SO_REUSEPORT; a second plain bind is refused")
    func sharesPortsOnlyWhenAsked() throws {
        let first = try Socket.make(.ipv4, .datagram)
        defer { first.close() }
        try first.setReusesPort(true)
        try first.bind(to: .loopbackIPv4(port: 0))
        let port = try first.localAddress().port

        let second = try Socket.make(.ipv4, .datagram)
        defer { second.close() }
        try second.setReusesPort(true)
        try second.bind(to: .loopbackIPv4(port: port))

        let third = try Socket.make(.ipv4, .datagram)
        defer { third.close() }
        #expect(throws: SystemCallError("bind", code: .addressInUse)) {
            try third.bind(to: .loopbackIPv4(port: port))
        }
    }

    @Test("IPv6 loopback works too, when the host has it")
    func sendsOverIPv6Loopback() throws {
        guard let receiver = try? Socket.make(.ipv6, .datagram) else { return }
        defer { receiver.close() }
        let loopback = try #require(SocketAddress(numericHost: "::1", port: 0))
        do {
            try receiver.bind(to: loopback)
        } catch {
            return  // IPv6 disabled on this host: nothing to test.
        }
        try receiver.setReceivesPacketInfo(.ipv6)
        let address = try receiver.localAddress()
        let sender = try Socket.make(.ipv6, .datagram)
        defer { sender.close() }
        #expect(try sender.send([9, 9], to: address))
        try waitForSocket(receiver, .readable)
        let datagram = try #require(try receiver.receiveDatagram(maximumCount: 16))
        #expect(datagram.bytes == [9, 9])
        #expect(datagram.source.family == .ipv6)
        #expect(datagram.source.isLoopback)
        #expect(!datagram.wasMulticast)
    }
}
