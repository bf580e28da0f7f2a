import KithCore
import KithMesh
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The TCP side of a node (sessions.md): a dual-stack listener, outgoing dials, each
/// connection's handshake, frame encryption and buffers, and the limits on all of them. Lives on
/// the node's loop thread; what to do with frames and sessions is the delegate's business.
final class SessionManager {
    let configuration: SessionConfiguration
    private let identity: SigningKey
    /// The communities a new inbound handshake may use (the node's, updated as it joins and
    /// leaves).
    var communities: [CommunityKey]
    let loop: EventLoop
    let emit: (NodeEvent) -> Void
    private var listener: Socket?
    private var handshakeLimiter: SourceRateLimiter<SocketAddress>
    private var nextHandle: UInt64 = 1

    /// Every open connection, by handle.
    var connections: [PeerHandle: Connection] = [:]
    /// Told about sessions and closes.
    weak var delegate: (any SessionManagerDelegate)?

    init(
        configuration: SessionConfiguration, identity: SigningKey, communities: [CommunityKey],
        loop: EventLoop, emit: @escaping (NodeEvent) -> Void
    ) {
        self.configuration = configuration
        self.identity = identity
        self.communities = communities
        self.loop = loop
        self.emit = emit
        handshakeLimiter = SourceRateLimiter(
            burst: configuration.handshakeBurstPerSource,
            perSecond: configuration.handshakesPerSecondPerSource)
    }

    /// The TCP port sessions are accepted on (after ``start()``).
    private(set) var port: UInt16 = 0

    /// The number of connections still connecting or in their handshake.
    var pendingCount: Int { connections.values.filter(\.isPending).count }

    /// Frame bytes read from established sessions so far.
    var bytesReceived = 0

    // MARK: Listening

    /// Opens the listener: `[::]` dual-stack, or `0.0.0.0` on a host without IPv6.
    func start() throws(NodeError) {
        let socket: Socket
        do {
            socket = try Self.openListener(port: configuration.port)
        } catch {
            throw .socket("session listener on TCP port \(configuration.port)", error)
        }
        listener = socket
        port = (try? socket.localAddress().port) ?? configuration.port
        loop.register(socket.descriptor, interest: .readable) { [unowned self] _ in
            self.acceptPending()
        }
    }

    private static func openListener(port: UInt16) throws(SystemCallError) -> Socket {
        do {
            return try listen(.ipv6, on: .anyIPv6(port: port))
        } catch {
            guard error.code == .addressFamilyNotSupported || error.code == .addressNotAvailable
            else { throw error }
            return try listen(.ipv4, on: .anyIPv4(port: port))
        }
    }

    private static func listen(_ family: SocketAddress.Family, on address: SocketAddress)
        throws(SystemCallError) -> Socket
    {
        let socket = try Socket.make(family, .stream)
        do {
            try socket.setReusesAddress(true)
            if family == .ipv6 { try socket.setIPv6Only(false) }
            try socket.bind(to: address)
            try socket.listen()
            return socket
        } catch {
            socket.close()
            throw error
        }
    }

    /// Closes the listener and every connection at once (the node sent its goodbyes before).
    func stop() {
        if let listener {
            loop.unregister(listener.descriptor)
            listener.close()
            self.listener = nil
        }
        for connection in connections.values.sorted(by: { $0.handle < $1.handle }) {
            finishClosing(connection, reason: "node stopped")
        }
    }

    /// Stops accepting new connections.
    func stopListening() {
        guard let listener else { return }
        loop.unregister(listener.descriptor)
        listener.close()
        self.listener = nil
    }

    private func acceptPending() {
        guard let listener else { return }
        for _ in 0..<32 {
            let accepted: (socket: Socket, peer: SocketAddress?)?
            do {
                accepted = try listener.accept()
            } catch {
                emit(.warning("accepting a connection failed: \(error)"))
                return
            }
            guard let accepted else { return }
            guard let peer = accepted.peer else {
                accepted.socket.close()
                continue
            }
            guard pendingCount < configuration.maximumPendingHandshakes,
                handshakeLimiter.allow(peer.withPort(0), now: loop.now)
            else {
                emit(.detail("connection from \(peer) refused: too many handshakes"))
                accepted.socket.close()
                continue
            }
            let responder = HandshakeResponder(identity: identity, communities: communities)
            let connection = Connection(
                handle: makeHandle(), socket: accepted.socket, address: peer,
                direction: .inbound, expectedKey: nil,
                state: .handshaking(HandshakeState(responder: responder)))
            adopt(connection)
        }
        loop.requestImmediateIteration()
    }

    // MARK: Dialing

    /// Connects to `key` at `address` and starts a handshake in `community`. Returns the new
    /// connection's handle, or nil when the limits forbid another pending handshake or the
    /// connect failed at once (reported with a `dialFailed` event).
    func dial(_ key: PublicKey, at address: SocketAddress, community: CommunityKey) -> PeerHandle? {
        guard pendingCount < configuration.maximumPendingHandshakes else { return nil }
        let socket: Socket
        let progress: Socket.ConnectProgress
        do {
            socket = try Socket.make(address.family, .stream)
            do {
                progress = try socket.connect(to: address)
            } catch {
                socket.close()
                throw error
            }
        } catch {
            emit(.dialFailed(key: key, address: address, reason: "\(error)"))
            return nil
        }
        let initiator = HandshakeInitiator(identity: identity, responder: key, community: community)
        let connection = Connection(
            handle: makeHandle(), socket: socket, address: address, direction: .outbound,
            expectedKey: key, state: .connecting(initiator))
        adopt(connection)
        if progress == .connected { connectFinished(connection) }
        return connection.handle
    }

    private func makeHandle() -> PeerHandle {
        defer { nextHandle += 1 }
        return PeerHandle(nextHandle)
    }

    /// Registers a new connection with the loop and arms its handshake deadline.
    private func adopt(_ connection: Connection) {
        connections[connection.handle] = connection
        try? connection.socket.setNoDelay(true)
        loop.register(connection.socket.descriptor, interest: interest(of: connection)) {
            [unowned self, handle = connection.handle] events in
            self.handleEvents(events, on: handle)
        }
        connection.timer = loop.schedule(after: configuration.handshakeTimeout) {
            [unowned self, handle = connection.handle] in
            guard let connection = self.connections[handle], connection.isPending else { return }
            connection.timer = nil
            self.abort(connection, reason: "handshake timed out")
        }
    }

    // MARK: Events

    /// Routes what `poll` reported for a connection: a finished connect, room to write, bytes
    /// (or end of file) to read.
    func handleEvents(_ events: PollEvents, on handle: PeerHandle) {
        guard let connection = connections[handle] else { return }
        if case .connecting = connection.state {
            if !events.isDisjoint(with: [.writable, .error, .hangUp]) {
                connectFinished(connection)
            }
            return
        }
        if !events.isDisjoint(with: [.writable, .error, .hangUp]), !connection.output.isEmpty {
            flush(connection)
        }
        guard connections[handle] != nil else { return }
        if !events.isDisjoint(with: [.readable, .error, .hangUp]) { read(connection) }
        guard connections[handle] != nil else { return }
        if events.contains(.invalid) { abort(connection, reason: "descriptor closed") }
    }
}
