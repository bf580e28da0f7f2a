import Foundation
import KithControl
import KithCore
import KithMesh
import KithSystem
import Testing

@testable import KithNode

/// sessions.md, "Failure": a handshake not established in time is abandoned by closing the
/// connection, by the node as responder and as initiator. The tests shorten the deadline so that
/// they run fast; the default is checked against the document separately.
@Suite("Handshake deadline", .serialized)
struct HandshakeDeadlineTests {
    @Test("the default deadline is sessions.md's 5 s")
    func defaultDeadline() {
        #expect(SessionConfiguration().handshakeTimeout == 5_000)
    }

    @Test("as responder, the node closes a handshake whose initiator stalls after message 2")
    func responderAbandonsStalledInitiator() async throws {
        try await withTemporaryDirectory { directory in
            let node = try Self.startNode(in: directory)
            let socket = try Socket.make(.ipv4, .stream)
            defer { socket.close() }
            if try socket.connect(to: .loopbackIPv4(port: node.node.sessionPort)) == .inProgress {
                try waitForSocket(socket, .writable)
            }
            var initiator = HandshakeInitiator(
                identity: .generate(), responder: node.key.publicKey,
                community: DefaultCommunity.key
            )
            for case .send(let hello) in initiator.start() { _ = try socket.send(hello) }
            // Message 2 arrives and is genuine: the initiator would now send message 3 (auth).
            let received = try readUntilClosed(socket)
            #expect(received.count == 64)
            let next = initiator.receive(received.prefix(64))
            #expect(
                next.contains { if case .send(let auth) = $0 { auth.count == 112 } else { false } })
            // It never does; the node closed the connection and holds no handshake or session.
            try await waitUntil("the node forgot the stalled handshake") {
                let status = try await node.node.status()
                return status.pendingHandshakes == 0 && status.sessionCount == 0
            }
            #expect(await node.stop() == nil)
        }
    }

    @Test("as initiator, the node closes a handshake with a responder that never answers")
    func initiatorAbandonsSilentResponder() async throws {
        try await withTemporaryDirectory { directory in
            let node = try Self.startNode(in: directory)
            // A listener that accepts and reads, but never answers the hello.
            let listener = try Socket.make(.ipv4, .stream)
            defer { listener.close() }
            try listener.bind(to: .loopbackIPv4(port: 0))
            try listener.listen()
            let silentKey = SigningKey.generate().publicKey
            let beacon = Beacon(
                nodeKey: silentKey, port: try listener.localAddress().port, bootID: 1, counter: 0,
                time: UInt64(Date().timeIntervalSince1970 * 1_000))
            let udp = try Socket.make(.ipv4, .datagram)
            defer { udp.close() }
            let datagram = BeaconCodec.seal(
                beacon, with: BeaconKey(community: DefaultCommunity.key))
            _ = try udp.send(datagram, to: .loopbackIPv4(port: node.node.discoveryPort))
            // The node dials the peer it heard and sends its hello.
            try waitForSocket(listener, .readable, timeoutMilliseconds: 30_000)
            guard let accepted = try listener.accept() else {
                throw TestFailure(description: "no connection from the node")
            }
            defer { accepted.socket.close() }
            let received = try readUntilClosed(accepted.socket)
            #expect(received.count == 64)
            // The dial is reported as failed: overlay.md counts it in the peer's backoff.
            try await waitUntil("the node reported the dial as failed") {
                node.events.all.contains {
                    if case .dialFailed(let key, _, let reason) = $0 {
                        return key == silentKey && reason.contains("handshake timed out")
                    }
                    return false
                }
            }
            #expect(try await node.node.status().sessionCount == 0)
            #expect(await node.stop() == nil)
        }
    }

    /// A node whose handshakes have 300 ms, so that the tests wait little.
    private static func startNode(in directory: String) throws -> TestNode {
        try TestNode.start(home: directory + "/node") { $0.sessions.handshakeTimeout = 300 }
    }

    /// Everything `socket` receives until the peer closes it (or resets it).
    private func readUntilClosed(_ socket: Socket) throws -> [UInt8] {
        var received: [UInt8] = []
        while true {
            try waitForSocket(socket, .readable, timeoutMilliseconds: 30_000)
            let bytes: [UInt8]?
            do {
                bytes = try socket.receive(maximumCount: 4_096)
            } catch {
                return received
            }
            guard let bytes else { continue }
            if bytes.isEmpty { return received }
            received += bytes
        }
    }
}
