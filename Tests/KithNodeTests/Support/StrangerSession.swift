import KithCore
import KithMesh

@testable import KithNode

/// A hostile peer speaking the wire protocol by hand: it completes the handshake with a node's
/// session port on loopback, says it shares the community, then writes whatever entries it likes,
/// asked or not. It reads only what it must, so the node's answers pile up on its side.
final class StrangerSession {
    private let socket: Socket
    private var encoder: FrameEncoder
    /// The stranger's node key.
    let identity: SigningKey

    /// Connects to `port` on loopback and completes the handshake with the node `responder` in
    /// `community`; throws when the node refuses.
    init(port: UInt16, responder: PublicKey, community: CommunityKey) throws {
        identity = SigningKey.generate()
        socket = try Socket.make(.ipv4, .stream)
        if try socket.connect(to: .loopbackIPv4(port: port)) == .inProgress {
            try waitForSocket(socket, .writable)
        }
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

    deinit { socket.close() }

    /// Sends one message as a frame, waiting while the node's side is full.
    func send(_ message: ReplicationMessage) throws {
        try Self.write(try encoder.encode(try message.encoded()), to: socket)
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
