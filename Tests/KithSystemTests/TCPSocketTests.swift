import KithTestSupport
import Testing

@testable import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// TCP on the loopback interface only.
@Suite("TCP sockets on loopback")
struct TCPSocketTests {
    private func listener(_ address: SocketAddress) throws -> Socket {
        let socket = try Socket.make(address.family, .stream)
        if address.family == .ipv6 { try socket.setIPv6Only(false) }
        try socket.bind(to: address)
        try socket.listen()
        return socket
    }

    /// Connects a nonblocking client to `address` and accepts it on `listener`.
    private func connectedPair(to address: SocketAddress, listener: Socket) throws -> (
        client: Socket, server: Socket, peer: SocketAddress?
    ) {
        let client = try Socket.make(.ipv4, .stream)
        if try client.connect(to: address) == .inProgress {
            try waitForSocket(client, .writable)
        }
        #expect(try client.pendingError() == nil)
        try waitForSocket(listener, .readable)
        let accepted = try #require(try listener.accept())
        return (client, accepted.socket, accepted.peer)
    }

    @Test("a nonblocking connect is accepted, bytes flow both ways, and close reads as end of file")
    func connectsAndTransfers() throws {
        let server = try listener(.loopbackIPv4(port: 0))
        defer { server.close() }
        #expect(try server.accept() == nil)
        let (client, accepted, peer) = try connectedPair(
            to: try server.localAddress(), listener: server)
        defer { client.close() }
        #expect(peer == (try client.localAddress()))

        let sent = try client.send(Array("ping".utf8))
        #expect(sent == 4)
        try waitForSocket(accepted, .readable)
        #expect(try accepted.receive(maximumCount: 64) == Array("ping".utf8))
        #expect(try accepted.receive(maximumCount: 64) == nil)

        _ = try accepted.send(Array("pong".utf8))
        try waitForSocket(client, .readable)
        #expect(try client.receive(maximumCount: 64) == Array("pong".utf8))

        accepted.close()
        try waitForSocket(client, .readable)
        #expect(try client.receive(maximumCount: 64) == [])
    }

    @Test("sending to a closed peer is an error, not SIGPIPE")
    func sendingToClosedPeerFails() throws {
        let server = try listener(.loopbackIPv4(port: 0))
        defer { server.close() }
        let (client, accepted, _) = try connectedPair(
            to: try server.localAddress(), listener: server)
        defer { client.close() }
        accepted.close()
        var failure: SystemCallError?
        let payload = [UInt8](repeating: 1, count: 1024)
        for _ in 0..<100 where failure == nil {
            do throws(SystemCallError) {
                _ = try client.send(payload)
            } catch {
                failure = error
            }
        }
        let error = try #require(failure)
        #expect(error.code == .brokenPipe || error.code == .connectionReset)
    }

    @Test("a connect to a port nobody listens on fails with ECONNREFUSED")
    func refusedConnect() throws {
        let probe = try listener(.loopbackIPv4(port: 0))
        let address = try probe.localAddress()
        probe.close()
        let client = try Socket.make(.ipv4, .stream)
        defer { client.close() }
        do throws(SystemCallError) {
            if try client.connect(to: address) == .inProgress {
                var descriptors = [
                    pollfd(fd: client.descriptor, events: Int16(POLLOUT), revents: 0)
                ]
                _ = try Poll.wait(&descriptors, timeoutMilliseconds: 10_000)
                #expect(try client.pendingError()?.code == .connectionRefused)
            }
        } catch {
            #expect(error.code == .connectionRefused)
        }
    }

    @Test("a dual-stack listener on [::] sees an IPv4 client as its plain IPv4 address")
    func dualStackListenerUnmapsIPv4() throws {
        let server: Socket
        do {
            server = try listener(.anyIPv6(port: 0))
        } catch {
            return  // No IPv6 on this host: the node falls back to an IPv4 listener.
        }
        defer { server.close() }
        let port = try server.localAddress().port
        let (client, accepted, peer) = try connectedPair(
            to: .loopbackIPv4(port: port), listener: server)
        defer {
            client.close()
            accepted.close()
        }
        let expected = try client.localAddress()
        #expect(peer == expected)
        #expect(peer?.family == .ipv4)
    }

    @Test("a Unix stream socket connects to its path")
    func unixSocketsConnect() async throws {
        try await withTemporaryDirectory { directory in
            let address = try UnixSocketAddress(path: directory + "/test.sock")
            let server = try Socket.makeUnix(.stream)
            defer { server.close() }
            try server.bind(to: address)
            try server.listen()
            let client = try Socket.makeUnix(.stream)
            defer { client.close() }
            #expect(try client.connect(to: address) == .connected)
            try waitForSocket(server, .readable)
            let accepted = try #require(try server.accept())
            accepted.socket.close()
            #expect(throws: SystemCallError("sockaddr_un", code: .nameTooLong)) {
                try UnixSocketAddress(path: String(repeating: "x", count: 200))
            }
        }
    }
}
