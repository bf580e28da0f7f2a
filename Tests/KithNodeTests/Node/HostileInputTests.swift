import KithControl
import KithCore
import KithSystem
import Testing

@testable import KithNode

/// What strangers send a node on loopback: garbage connections, idle connections, junk datagrams.
@Suite("Hostile input", .serialized)
struct HostileInputTests {
    @Test(
        "garbage and idle connections are closed, the pending limit holds, the node keeps working")
    func survivesGarbageConnections() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node") {
                $0.sessions.handshakeTimeout = 500
                $0.sessions.maximumPendingHandshakes = 4
                $0.sessions.handshakeBurstPerSource = 100
            }
            let address = SocketAddress.loopbackIPv4(port: node.node.sessionPort)
            var sockets: [Socket] = []
            defer { for socket in sockets { socket.close() } }
            // Idle connections, more than the pending limit.
            for _ in 0..<8 {
                let socket = try Socket.make(.ipv4, .stream)
                sockets.append(socket)
                _ = try socket.connect(to: address)
            }
            try await waitUntil("the node holds at most its limit of pending handshakes") {
                let status = try await node.node.status()
                return status.pendingHandshakes > 0 && status.pendingHandshakes <= 4
            }
            try await waitUntil("idle handshakes timed out") {
                try await node.node.status().pendingHandshakes == 0
            }
            // Garbage of every interesting length: a hello for no community among them.
            for length in [1, 63, 64, 176, 5_000] {
                let socket = try Socket.make(.ipv4, .stream)
                sockets.append(socket)
                if try socket.connect(to: address) == .inProgress {
                    try waitForSocket(socket, .writable)
                }
                _ = try socket.send((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            }
            // Junk datagrams to the discovery port, including an oversized one.
            let udp = try Socket.make(.ipv4, .datagram)
            sockets.append(udp)
            let discovery = SocketAddress.loopbackIPv4(port: node.node.discoveryPort)
            for length in [0, 3, 100, 101, 256, 257, 1_400] {
                _ = try udp.send(
                    [0x4b, 0x42, 0x01] + [UInt8](repeating: 7, count: length), to: discovery)
            }
            try await waitUntil("the garbage connections were closed and the datagrams dropped") {
                let status = try await node.node.status()
                return status.pendingHandshakes == 0 && status.droppedDatagrams >= 7
                    && status.sessionCount == 0
            }
            // A real peer still gets in.
            let peer = try TestNode.start(home: directory + "/peer") {
                $0.discovery.staticPeers = [node.discoveryAddress]
            }
            try await waitUntil("a real peer connects") {
                let nodeSees = await node.hasSession(with: peer)
                let peerSees = await peer.hasSession(with: node)
                return nodeSees && peerSees
            }
            #expect(await peer.stop() == nil)
            #expect(await node.stop() == nil)
        }
    }

    @Test("when both nodes dial at once, both keep the same single session")
    func duplicateSessionsAgree() async throws {
        try await withTemporaryDirectory { directory in
            // Each is the other's only candidate, so each wants and dials the other.
            let bob = try TestNode.start(home: directory + "/bob")
            let alice = try TestNode.start(home: directory + "/alice") {
                $0.discovery.staticPeers = [bob.discoveryAddress]
            }
            try await waitUntil(
                "each node has exactly one connection, established, seen from both ends"
            ) {
                let alicePeers = try await alice.node.status().peers
                let bobPeers = try await bob.node.status().peers
                guard alicePeers.count == 1, bobPeers.count == 1,
                    let aliceSide = alicePeers.first, let bobSide = bobPeers.first,
                    aliceSide.session == "established", bobSide.session == "established",
                    try await alice.node.status().pendingHandshakes == 0,
                    try await bob.node.status().pendingHandshakes == 0
                else { return false }
                return aliceSide.sessionDirection != bobSide.sessionDirection
            }
            _ = try await alice.node.post("still connected", channel: .general)
            try await waitUntil("the kept session carries posts") {
                bob.events.deliveredTexts.contains("still connected")
            }
            #expect(await alice.stop() == nil)
            #expect(await bob.stop() == nil)
        }
    }
}
