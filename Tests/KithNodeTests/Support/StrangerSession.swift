import KithCore
import KithMesh
import KithSystem

@testable import KithNode

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A hostile peer speaking the wire protocol by hand: it completes the handshake with a node's
/// session port on loopback, says it shares the community, then writes whatever entries it likes,
/// asked or not. It reads only what it must, so the node's answers pile up on its side.
final class StrangerSession {
    private let socket: Socket
    private var encoder: FrameEncoder
    /// The stranger's node key.
    let identity: SigningKey

    /// Connects to `port` on loopback as `identity` and completes the handshake with the node
    /// `responder` in `community`; throws when the node refuses.
    init(
        port: UInt16, responder: PublicKey, community: CommunityKey,
        identity: SigningKey = .generate()
    ) throws {
        self.identity = identity
        socket = try Socket.make(.ipv4, .stream)
        if try socket.connect(to: .loopbackIPv4(port: port)) == .inProgress {
            try waitForSocket(socket, .writable)
        }
        // Every write leaves at once, as a node's do: a reset then loses nothing unsent.
        try socket.setNoDelay(true)
        var handshake = HandshakeInitiator(
            identity: identity, responder: responder, community: community)
        var actions = handshake.start()
        var outcome: HandshakeOutcome?
        while outcome == nil {
            for action in actions {
                switch action {
                case .send(let bytes): try Self.write(bytes, to: socket)
                case .established(let established): outcome = established
                case .failed(let error):
                    throw TestFailure(description: "handshake failed: \(error)")
                }
            }
            guard outcome == nil else { break }
            try waitForSocket(socket, .readable)
            guard let bytes = try socket.receive(maximumCount: 4_096), !bytes.isEmpty else {
                throw TestFailure(description: "the node closed the connection in the handshake")
            }
            actions = handshake.receive(bytes)
        }
        guard let outcome else { throw TestFailure(description: "no handshake outcome") }
        encoder = outcome.keys.makeFrameEncoder()
        let proof = CommunityProof(
            key: community, sessionID: outcome.keys.sessionID, sender: identity.publicKey)
        try send(.communities([proof]))
        try send(.clock(community: community.id, chains: []))
    }

    /// Whether ``sendThenReset(_:)`` closed the socket already.
    private var isClosed = false

    deinit { if !isClosed { socket.close() } }

    /// Sends `message`, then closes the connection at once with a reset (`SO_LINGER` 0), as a
    /// peer does that closes with bytes unread: the node finds the message, then ECONNRESET.
    func sendThenReset(_ message: ReplicationMessage) throws {
        try send(message)
        var option = linger(l_onoff: 1, l_linger: 0)
        guard
            setsockopt(
                socket.descriptor, SOL_SOCKET, SO_LINGER, &option,
                socklen_t(MemoryLayout<linger>.size)) == 0
        else { throw TestFailure(description: "SO_LINGER failed: \(errno)") }
        isClosed = true
        socket.close()
    }

    /// Sends one message as a frame, waiting while the node's side is full.
    func send(_ message: ReplicationMessage) throws {
        try Self.write(try encoder.encode(try message.encoded()), to: socket)
    }

    /// Sends `messages` as frames in one write, waiting while the node's side is full.
    func send(_ messages: [ReplicationMessage]) throws {
        var bytes: [UInt8] = []
        for message in messages { bytes += try encoder.encode(try message.encoded()) }
        try Self.write(bytes, to: socket)
    }

    /// Ends the session as a peer that is done: closes its direction, then reads (and ignores)
    /// what the node sends until the node closes too, once it has decoded everything. Closing
    /// with unread bytes instead would reset the connection and lose what the node had not read.
    func finish() throws {
        try socket.shutdownWriting()
        while true {
            try waitForSocket(socket, .readable, timeoutMilliseconds: 60_000)
            guard let bytes = try socket.receive(maximumCount: 65_536) else { continue }
            if bytes.isEmpty { return }
        }
    }

    /// Writes all of `bytes`, waiting for room.
    private static func write(_ bytes: [UInt8], to socket: Socket) throws {
        var offset = 0
        while offset < bytes.count {
            if let sent = try socket.send(Array(bytes[offset...])) {
                offset += sent
            } else {
                try waitForSocket(socket, [.writable])
            }
        }
    }
}
