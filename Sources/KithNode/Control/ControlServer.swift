import KithCore

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The node's control socket (Protocol/control.md): a Unix stream socket, mode 0600, that answers
/// JSON-line requests from `kith status`, `kith peers`, `kith post`, `kith nick` and `kith tail`.
/// Lives on the loop thread.
final class ControlServer {
    /// The most clients served at once.
    static let maximumClients = 8
    /// Milliseconds a client may stay connected without sending a request.
    static let idleTimeout: UInt64 = 30_000
    /// The most answer bytes queued for one client.
    static let maximumQueuedBytes = 4 * 1024 * 1024
    /// The most `tail` subscriptions served at once.
    static let maximumTailClients = 4
    /// The most entry bytes queued for one `tail` client; one that falls further behind is
    /// disconnected.
    static let maximumTailQueuedBytes = 1024 * 1024

    private final class Client {
        let socket: Socket
        var input: [UInt8] = []
        var output = OutputBuffer()
        var inputEnded = false
        var timer: TimerID?
        /// When the client last connected or sent a request, as a count of such events: two in
        /// the same millisecond are still ordered.
        var lastActive: UInt64 = 0
        /// What the client follows, once it asked for `tail`.
        var tail: TailFilter?

        init(socket: Socket) {
            self.socket = socket
        }
    }

    let path: String
    private let loop: EventLoop
    private var listener: Socket?
    private var clients: [Int32: Client] = [:]
    /// Connections and requests so far, which order the clients' last activity.
    private var activityCount: UInt64 = 0

    private func nextActivity() -> UInt64 {
        activityCount += 1
        return activityCount
    }

    /// Answers a request; the node sets it.
    var respond: (ControlRequest) -> ControlResponse = { _ in
        ControlResponse(error: "not ready")
    }

    /// Builds the line form of an entry for `tail`; the node sets it, to add what only the node
    /// can read (the text of its own private messages) without its key living here.
    var describe: (DeliveredEntry) -> ControlEntry = { ControlEntry($0) }

    /// The communities `tail` may follow; the node sets it.
    var communities: [CommunityID] = []

    private init(path: String, listener: Socket, loop: EventLoop) {
        self.path = path
        self.listener = listener
        self.loop = loop
    }

    /// Serves the control socket at `path`. A stale socket file (no node answers it) is
    /// replaced.
    /// - Throws: ``NodeError/alreadyRunning(_:)`` when a node answers at `path`.
    static func open(path: String, loop: EventLoop) throws(NodeError) -> ControlServer {
        let listener: Socket
        do {
            let address = try UnixSocketAddress(path: path)
            try removeStaleSocket(at: address)
            listener = try Socket.makeUnix(.stream)
            do {
                try listener.bind(to: address)
                _ = try systemCall("chmod") { chmod(path, 0o600) }
                try listener.listen(backlog: 8)
            } catch {
                listener.close()
                throw error
            }
        } catch let error as NodeError {
            throw error
        } catch let error as PosixError {
            throw .socket("control socket \(path)", error)
        } catch {
            throw .socket("control socket \(path)", PosixError("bind", code: EINVAL))
        }
        let server = ControlServer(path: path, listener: listener, loop: loop)
        loop.register(listener.descriptor, interest: .readable) { [unowned server] _ in
            server.acceptClients()
        }
        return server
    }

    /// Removes a socket file nobody answers; refuses when a node answers, or when the path is
    /// not a socket.
    private static func removeStaleSocket(at address: UnixSocketAddress) throws(NodeError) {
        var info = stat()
        guard lstat(address.path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw .socket("control socket \(address.path)", PosixError("bind", code: EEXIST))
        }
        if let probe = try? Socket.makeUnix(.stream) {
            defer { probe.close() }
            if (try? probe.connect(to: address)) == .connected {
                throw .alreadyRunning(address.path)
            }
        }
        _ = unlink(address.path)
    }

    /// Closes every client and the listener, and removes the socket file.
    func stop() {
        for client in clients.values { drop(client) }
        guard let listener else { return }
        loop.unregister(listener.descriptor)
        listener.close()
        self.listener = nil
        _ = unlink(path)
    }

    private func acceptClients() {
        guard let listener else { return }
        while let accepted = try? listener.accept() {
            if clients.count >= Self.maximumClients {
                // Clients that hold a connection without asking do not lock others out: the one
                // quiet longest makes room. When every client is busy, the newcomer is told why.
                guard let idlest = idlestClient() else {
                    let refusal = ControlCoding.line(
                        ControlResponse(
                            error: "the node is serving \(Self.maximumClients) clients; try again"))
                    _ = try? accepted.socket.send(refusal)
                    accepted.socket.close()
                    continue
                }
                drop(idlest)
            }
            let client = Client(socket: accepted.socket)
            client.lastActive = nextActivity()
            clients[client.socket.descriptor] = client
            loop.register(client.socket.descriptor, interest: .readable) {
                [unowned self, descriptor = client.socket.descriptor] events in
                guard let client = self.clients[descriptor] else { return }
                self.handle(events, of: client)
            }
            armIdleTimer(client)
        }
    }

    /// The client waiting for nothing (no subscription, no answer being sent, no request being
    /// read) that was active longest ago, or nil when every client is busy.
    private func idlestClient() -> Client? {
        clients.values
            .filter { $0.tail == nil && $0.output.count == 0 && $0.input.isEmpty }
            .min { $0.lastActive < $1.lastActive }
    }

    private func armIdleTimer(_ client: Client) {
        if let timer = client.timer { loop.cancel(timer) }
        client.timer = nil
        // A subscription is quiet by nature: it stays until the client or the node leaves.
        guard client.tail == nil else { return }
        client.timer = loop.schedule(after: Self.idleTimeout) { [unowned self] in
            client.timer = nil
            self.drop(client)
        }
    }

    private func handle(_ events: PollEvents, of client: Client) {
        if events.contains(.writable) { flush(client) }
        guard clients[client.socket.descriptor] === client else { return }
        if !events.isDisjoint(with: [.readable, .hangUp, .error]) { read(client) }
    }

    private func read(_ client: Client) {
        while !client.inputEnded {
            let bytes: [UInt8]?
            do {
                bytes = try client.socket.receive(
                    maximumCount: ControlCoding.maximumRequestByteCount)
            } catch {
                drop(client)
                return
            }
            guard let bytes else { break }
            if bytes.isEmpty {
                client.inputEnded = true
            }
            client.input += bytes
            answerLines(of: client)
            guard clients[client.socket.descriptor] === client else { return }
        }
        finishIfDone(client)
    }

    /// Answers every complete line; a line longer than the limit ends the connection.
    private func answerLines(of client: Client) {
        while client.tail == nil, let newline = client.input.firstIndex(of: 0x0a) {
            let line = client.input[..<newline]
            let response =
                ControlCoding.decode(ControlRequest.self, from: line).map { answer($0, of: client) }
                ?? ControlResponse(error: "malformed request: expected {\"op\": ...}")
            client.input.removeSubrange(...newline)
            client.output.append(ControlCoding.line(response))
            client.lastActive = nextActivity()
            armIdleTimer(client)
            // A client that asks without reading the answers is not served without bound.
            if client.output.count > Self.maximumQueuedBytes {
                drop(client)
                return
            }
        }
        if client.tail != nil {
            // A subscription's connection carries entries only: later input is not read as
            // requests.
            client.input.removeAll()
        } else if client.input.count > ControlCoding.maximumRequestByteCount {
            client.output.append(ControlCoding.line(ControlResponse(error: "request too long")))
            client.input.removeAll()
            client.inputEnded = true
        }
        flush(client)
    }

    /// Answers `request`; `tail` turns the connection into a subscription.
    private func answer(_ request: ControlRequest, of client: Client) -> ControlResponse {
        guard request.op == "tail" else { return respond(request) }
        let tailCount = clients.values.filter { $0.tail != nil }.count
        guard tailCount < Self.maximumTailClients else {
            return ControlResponse(
                error: "too many tail clients (at most \(Self.maximumTailClients))")
        }
        switch TailFilter.parse(request, communities: communities) {
        case .success(let filter):
            client.tail = filter
            return .tailStarted
        case .failure(let error):
            return ControlResponse(error: "\(error)")
        }
    }

    /// Sends `delivered` to every `tail` client whose filter takes it; a client whose queue
    /// outgrows ``maximumTailQueuedBytes`` is disconnected.
    func publish(_ delivered: DeliveredEntry) {
        let subscribers = clients.values.filter { $0.tail?.matches(delivered.entry) == true }
        guard !subscribers.isEmpty else { return }
        let line = ControlCoding.line(ControlResponse(entry: describe(delivered)))
        for client in subscribers.sorted(by: { $0.socket.descriptor < $1.socket.descriptor }) {
            client.output.append(line)
            if client.output.count > Self.maximumTailQueuedBytes {
                drop(client)
            } else {
                flush(client)
            }
        }
    }

    private func flush(_ client: Client) {
        do {
            _ = try client.output.drain { bytes throws(PosixError) in try client.socket.send(bytes)
            }
        } catch {
            drop(client)
            return
        }
        finishIfDone(client)
    }

    private func finishIfDone(_ client: Client) {
        guard clients[client.socket.descriptor] === client else { return }
        if client.inputEnded, client.output.isEmpty {
            drop(client)
            return
        }
        var interest: PollEvents = client.inputEnded ? [] : .readable
        if !client.output.isEmpty { interest.insert(.writable) }
        loop.setInterest(client.socket.descriptor, interest)
    }

    private func drop(_ client: Client) {
        guard clients.removeValue(forKey: client.socket.descriptor) != nil else { return }
        if let timer = client.timer { loop.cancel(timer) }
        loop.unregister(client.socket.descriptor)
        client.socket.close()
    }
}
