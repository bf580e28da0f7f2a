import KithCore
import KithMesh
import KithNode
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// One session of the flooding stranger: a TCP connection to a node's session port, the
/// handshake in the default community (whose key is public), then frames as fast as the socket
/// takes them. What the node sends back is read and thrown away, so its output never fills.
final class FloodConnection {
    private let socket: Socket
    private var encoder: FrameEncoder
    /// Frame bytes queued for the socket, from `written` on.
    private var pending: [UInt8] = []
    private var written = 0
    /// Where each queued frame ends in `pending` and whether it holds an entry, oldest first,
    /// from `framesCounted` on.
    private var frameEnds: [(end: Int, isEntry: Bool)] = []
    private var framesCounted = 0
    private var receiveBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Entry frames the socket took completely, over the connection's life.
    private(set) var entriesSent = 0
    /// Frame bytes the socket took, over the connection's life.
    private(set) var bytesSent = 0

    /// Whether everything queued was taken by the socket.
    var isDrained: Bool { written == pending.count }

    /// Bytes queued that the socket did not take yet.
    var queuedBytes: Int { pending.count - written }

    private init(socket: Socket, encoder: FrameEncoder) {
        self.socket = socket
        self.encoder = encoder
    }

    /// Connects to `address`, completes the handshake with the node `responder` as `identity`,
    /// then proves the default community and sends an empty clock, as a peer does.
    static func open(address: SocketAddress, responder: PublicKey, identity: SigningKey)
        throws(FloodError) -> FloodConnection
    {
        let socket: Socket
        do {
            socket = try Socket.make(address.family, .stream)
        } catch {
            throw .socket(error)
        }
        let outcome: HandshakeOutcome
        do {
            outcome = try connect(socket, to: address, responder: responder, identity: identity)
        } catch {
            socket.close()
            throw error
        }
        let connection = FloodConnection(socket: socket, encoder: outcome.keys.makeFrameEncoder())
        let proof = CommunityProof(
            key: DefaultCommunity.key, sessionID: outcome.keys.sessionID,
            sender: identity.publicKey)
        try connection.queue(.communities([proof]), isEntry: false)
        try connection.queue(.clock(community: DefaultCommunity.id, chains: []), isEntry: false)
        return connection
    }

    deinit { socket.close() }

    /// Queues `entry` as the next frame.
    func queue(_ entry: Entry) throws(FloodError) {
        try queue(.entry(entry.bytes), isEntry: true)
    }

    private func queue(_ message: ReplicationMessage, isEntry: Bool) throws(FloodError) {
        do {
            let frame = try encoder.encode(try message.encoded())
            if written == pending.count {
                pending.removeAll(keepingCapacity: true)
                written = 0
                frameEnds.removeAll(keepingCapacity: true)
                framesCounted = 0
            }
            pending.append(contentsOf: frame)
            frameEnds.append((pending.count, isEntry))
        } catch {
            throw .frame("\(error)")
        }
    }

    /// Writes what the socket takes now and reads (and drops) what the node sent.
    /// Throws ``FloodError/closed`` once the node closed or reset the connection.
    func transfer() throws(FloodError) {
        do {
            while let count = try discardInput() {
                if count == 0 { throw FloodError.closed }
            }
            while written < pending.count {
                let result = pending[written...].withUnsafeBytes { buffer in
                    Result { () throws(SystemCallError) in try socket.send(buffer) }
                }
                guard let sent = try result.get() else { break }
                written += sent
                bytesSent += sent
            }
        } catch let error as SystemCallError {
            throw Self.closedOrSocket(error)
        } catch {
            throw .closed  // the end of the node's stream, thrown above
        }
        while framesCounted < frameEnds.count, frameEnds[framesCounted].end <= written {
            if frameEnds[framesCounted].isEntry { entriesSent += 1 }
            framesCounted += 1
        }
    }

    /// Reads what the node sent into a scratch buffer: the bytes read (0 once the node closed),
    /// or nil when nothing is there.
    private func discardInput() throws(SystemCallError) -> Int? {
        let result = receiveBuffer.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemCallError) in try socket.receive(into: buffer) }
        }
        return try result.get()
    }

    /// Waits up to `milliseconds` until the socket can be read, or written while something is
    /// queued.
    func wait(milliseconds: Int32) throws(FloodError) {
        let events: PollEvents = isDrained ? .readable : [.readable, .writable]
        _ = try Self.posix { () throws(SystemCallError) in
            try Self.wait(socket, events, milliseconds)
        }
    }

    /// A reset or broken connection is the node closing it; anything else is a socket failure.
    private static func closedOrSocket(_ error: SystemCallError) -> FloodError {
        [.connectionReset, .brokenPipe, .connectionAborted, .timedOut].contains(error.code)
            ? .closed : .socket(error)
    }

    /// Connects `socket` to `address` and runs the initiator's side of the handshake with the
    /// node `responder` in the default community, to its outcome.
    private static func connect(
        _ socket: Socket, to address: SocketAddress, responder: PublicKey, identity: SigningKey
    ) throws(FloodError) -> HandshakeOutcome {
        if try posix({ () throws(SystemCallError) in try socket.connect(to: address) })
            == .inProgress
        {
            guard try posix({ () throws(SystemCallError) in try wait(socket, .writable, 5_000) })
            else {
                throw .handshake("no connection after 5 s")
            }
            if let error = try posix({ () throws(SystemCallError) in try socket.pendingError() }) {
                throw closedOrSocket(error)
            }
        }
        var handshake = HandshakeInitiator(
            identity: identity, responder: responder, community: DefaultCommunity.key)
        var actions = handshake.start()
        while true {
            for action in actions {
                switch action {
                case .send(let bytes): try writeAll(bytes, to: socket)
                case .established(let outcome): return outcome
                case .failed(let error): throw .handshake("\(error)")
                }
            }
            guard try posix({ () throws(SystemCallError) in try wait(socket, .readable, 5_000) })
            else {
                throw .handshake("no answer from the node for 5 s")
            }
            let received = try posix { () throws(SystemCallError) in
                try socket.receive(maximumCount: 4_096)
            }
            guard let bytes = received else { continue }
            guard !bytes.isEmpty else { throw .closed }
            actions = handshake.receive(bytes)
        }
    }

    /// Writes all of `bytes` (the handshake's few), waiting for room.
    private static func writeAll(_ bytes: [UInt8], to socket: Socket) throws(FloodError) {
        var offset = 0
        while offset < bytes.count {
            let rest = Array(bytes[offset...])
            if let sent = try posix({ () throws(SystemCallError) in try socket.send(rest) }) {
                offset += sent
                continue
            }
            let writable = try posix { () throws(SystemCallError) in
                try wait(socket, .writable, 5_000)
            }
            if !writable {
                throw .handshake("the node takes nothing for 5 s")
            }
        }
    }

    /// The result of `body`, its failure as a ``FloodError``.
    private static func posix<Value>(_ body: () throws(SystemCallError) -> Value) throws(FloodError)
        -> Value
    {
        do {
            return try body()
        } catch {
            throw closedOrSocket(error)
        }
    }

    /// Whether `socket` became ready for `events` within `milliseconds`.
    /// The corresponding C function is `poll`.
    private static func wait(_ socket: Socket, _ events: PollEvents, _ milliseconds: Int32)
        throws(SystemCallError) -> Bool
    {
        var descriptor = pollfd(fd: socket.descriptor, events: events.rawValue, revents: 0)
        return try systemCall("poll") { poll(&descriptor, 1, milliseconds) } > 0
    }
}
