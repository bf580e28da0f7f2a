import KithControl
import KithCore
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The node's control socket (Protocol/control.md): a Unix stream socket, mode 0600, that answers
/// JSON-line requests from `kith status`, `kith peers`, `kith post`, `kith nick` and `kith tail`.
/// Lives on the loop thread.
final class ControlServer {
    /// The most clients served at once besides `tail` subscriptions.
    static let maximumClients = 8
    /// Milliseconds a client may stay connected without sending a request, by default.
    static let defaultIdleTimeout: UInt64 = 30_000
    /// The most answer bytes queued for one client.
    static let maximumQueuedBytes = 4 * 1024 * 1024
    /// The most `tail` subscriptions served at once.
    static let maximumTailClients = 32
    /// The most entry bytes queued for one `tail` client; one that falls further behind is
    /// disconnected.
    static let maximumTailQueuedBytes = 1024 * 1024
    /// The most requests of one client answered in one turn of the loop: a client that sends
    /// many at once is answered over several turns, between which others are served.
    static let requestsPerTurn = 1
    /// The most requests of one client that join a batch (``joinsBatch``) in one turn of the
    /// loop: a pipelined burst of posts is signed in groups of this size, each group made
    /// durable by one fsync.
    static let batchedRequestsPerTurn = 64

    private typealias Client = ControlServerClient

    let path: String
    /// Milliseconds a client other than a `tail` subscription may stay without sending a request.
    let idleTimeout: UInt64
    private let loop: EventLoop
    private var listener: Socket?
    private var clients: [Int32: Client] = [:]
    /// Connections and requests so far, which order the clients' last activity.
    private var activityCount: UInt64 = 0

    private func nextActivity() -> UInt64 {
        activityCount += 1
        return activityCount
    }

    /// Answers a request, the node sets it: with the response at once, or with nil when it
    /// works on it over several turns of the loop and calls `later` with the response when done
    /// (once, on the loop thread, after `respond` returned). The client's later requests wait
    /// for that answer.
    var respond:
        (_ request: ControlRequest, _ later: @escaping (ControlResponse) -> Void) ->
            ControlResponse? = { _, _ in .failed("not ready") }

    /// Whether the node answers `request` together with the client's other such requests read
    /// in the same turn (`post`: one fsync makes them all durable). For such a request
    /// `respond` returns nil and calls `later` when ``commitBatch`` runs, which the server
    /// does before it answers anything else of the client, so answers keep the requests'
    /// order; `respond` may still answer at once (a request it refuses).
    var joinsBatch: (ControlRequest) -> Bool = { _ in false }

    /// Answers every request that joined a batch since the last call; the node sets it.
    var commitBatch: () -> Void = {}

    /// Builds the line form of an entry for `tail`; the node sets it, to add what only the node
    /// can read (the text of its own private messages) without its key living here.
    var describe: (DeliveredEntry) -> ControlEntry = { ControlEntry($0) }

    /// The communities `tail` may follow; the node sets it.
    var communities: [CommunityID] = []

    private init(path: String, listener: Socket, loop: EventLoop, idleTimeout: UInt64) {
        self.path = path
        self.idleTimeout = idleTimeout
        self.listener = listener
        self.loop = loop
    }

    /// Serves the control socket at `path`. A stale socket file (no node answers it) is
    /// replaced.
    /// - Throws: ``NodeError/alreadyRunning(_:)`` when a node answers at `path`.
    static func open(
        path: String, loop: EventLoop, idleTimeout: UInt64 = defaultIdleTimeout
    ) throws(NodeError) -> ControlServer {
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
        } catch let error as SystemCallError {
            throw .socket("control socket \(path)", error)
        } catch {
            throw .socket("control socket \(path)", SystemCallError("bind", code: .invalidArgument))
        }
        let server = ControlServer(
            path: path, listener: listener, loop: loop, idleTimeout: idleTimeout)
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
            throw .socket(
                "control socket \(address.path)", SystemCallError("bind", code: .fileExists))
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
            if clients.values.count(where: { $0.tail == nil }) >= Self.maximumClients {
                // Clients that hold a connection without asking do not lock others out: the one
                // quiet longest makes room. When every client is busy, the newcomer is told why.
                guard let idlest = idlestClient() else {
                    let refusal = ControlResponse.failed(
                        "the node is serving \(Self.maximumClients) clients; try again"
                    ).line
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
            .filter {
                $0.tail == nil && $0.output.count == 0 && $0.input.isEmpty && !$0.awaitingAnswer
            }
            .min { $0.lastActive < $1.lastActive }
    }

    private func armIdleTimer(_ client: Client) {
        if let timer = client.timer { loop.cancel(timer) }
        client.timer = nil
        // A subscription is quiet by nature: it stays until the client or the node leaves. A
        // client waiting for an answer the node works on is not idle either.
        guard client.tail == nil, !client.awaitingAnswer else { return }
        client.timer = loop.schedule(after: idleTimeout) { [unowned self] in
            client.timer = nil
            self.drop(client)
        }
    }

    private func handle(_ events: PollEvents, of client: Client) {
        if events.contains(.writable) { flush(client) }
        guard isServed(client) else { return }
        if !events.isDisjoint(with: [.readable, .hangUp, .error]) { read(client) }
    }

    /// Whether `client` is still served: a dropped client's descriptor is closed, and may by
    /// now be another connection's, in this node or (in `kith chat`) in the same process.
    private func isServed(_ client: Client) -> Bool {
        clients[client.socket.descriptor] === client
    }

    private func read(_ client: Client) {
        guard isServed(client) else { return }
        while !client.inputEnded, !client.isBusy {
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
            guard isServed(client) else { return }
        }
        finishIfDone(client)
    }

    /// Answers the complete lines in order: in this turn at most ``requestsPerTurn`` of them,
    /// or up to ``batchedRequestsPerTurn`` that join a batch (the rest in later turns). A
    /// request answered over several turns holds back the ones after it. A line longer than the
    /// limit ends the connection.
    private func answerLines(of client: Client) {
        var batched = 0
        let isServedStill = answerRequests(of: client, batched: &batched)
        // The batch is answered even when the client went away: its posts are made durable.
        if batched > 0 { commitBatch() }
        guard isServedStill, isServed(client) else { return }
        if client.tail != nil {
            // A subscription's connection carries entries only: later input is not read as
            // requests.
            client.input.removeAll()
        } else if client.input.count > ControlCoding.maximumRequestByteCount {
            client.output.append(ControlResponse.failed("request too long").line)
            client.input.removeAll()
            client.inputEnded = true
        }
        flush(client)
    }

    /// The loop of ``answerLines(of:)``, counting in `batched` the requests that joined a batch
    /// (answered by the next ``commitBatch``); false when the client was dropped.
    private func answerRequests(of client: Client, batched: inout Int) -> Bool {
        var (answered, joined) = (0, 0)
        while client.tail == nil, !client.awaitingAnswer,
            let newline = client.input.firstIndex(of: 0x0a)
        {
            let decoded = Self.decode(client.input[..<newline])
            let request = try? decoded.get()
            let joins = request.map(joinsBatch) ?? false
            let allowed =
                joins
                ? answered == 0 && joined < Self.batchedRequestsPerTurn
                : answered == 0 && joined == 0
            guard allowed else {
                answerMoreLater(client)
                break
            }
            client.input.removeSubrange(...newline)
            client.lastActive = nextActivity()
            guard let request else {
                // A line that is not a request, or one refused for its fields, is answered at
                // once with why.
                answered += 1
                armIdleTimer(client)
                guard case .failure(let error) = decoded, queue(.refused(error), for: client)
                else { return false }
                continue
            }
            if joins {
                joined += 1
                let response = respond(request) { [weak self] response in
                    guard let self, self.isServed(client) else { return }
                    _ = self.queue(response, for: client)
                }
                armIdleTimer(client)
                if let response {
                    // Refused at once: the answers of the batch so far go first.
                    commitBatch()
                    batched = 0
                    guard isServed(client), queue(response, for: client) else { return false }
                }
                batched += response == nil ? 1 : 0
                continue
            }
            answered += 1
            let response = answer(request, of: client)
            // After the answer: a request that made the connection a subscription (`tail`), or
            // whose answer comes later, leaves it without an idle timer.
            client.awaitingAnswer = response == nil
            armIdleTimer(client)
            guard let response else { break }
            guard queue(response, for: client) else { return false }
        }
        return true
    }

    /// The request on one line, or why the line is not one.
    private static func decode(_ line: ArraySlice<UInt8>) -> Result<
        ControlRequest, ControlRequestError
    > {
        do throws(ControlRequestError) {
            return .success(try ControlRequest(line: line))
        } catch {
            return .failure(error)
        }
    }

    /// Queues `response` for `client`; false when that dropped the client, which asks without
    /// reading the answers and is not served without bound.
    private func queue(_ response: ControlResponse, for client: Client) -> Bool {
        client.output.append(response.line)
        guard client.output.count <= Self.maximumQueuedBytes else {
            drop(client)
            return false
        }
        return true
    }

    /// Answers the client's next requests in a later turn of the loop.
    private func answerMoreLater(_ client: Client) {
        guard !client.moreAnswersScheduled else { return }
        client.moreAnswersScheduled = true
        _ = loop.schedule(after: 0) { [weak self] in
            client.moreAnswersScheduled = false
            guard let self, self.isServed(client) else { return }
            self.answerLines(of: client)
            if !client.isBusy { self.read(client) }
        }
    }

    /// Sends the answer the node worked on over several turns, then goes on with the client's
    /// next requests.
    private func finishAnswer(_ response: ControlResponse, for client: Client) {
        guard isServed(client), client.awaitingAnswer else { return }
        client.awaitingAnswer = false
        armIdleTimer(client)
        guard queue(response, for: client) else { return }
        answerLines(of: client)
        if !client.isBusy { read(client) }
    }

    /// Answers `request` now, or nil when the answer comes later (``finishAnswer(_:for:)``);
    /// `tail` turns the connection into a subscription.
    private func answer(_ request: ControlRequest, of client: Client) -> ControlResponse? {
        guard case .tail(let community, let channel) = request else {
            return respond(request) { [weak self] response in
                self?.finishAnswer(response, for: client)
            }
        }
        let tailCount = clients.values.filter { $0.tail != nil }.count
        guard tailCount < Self.maximumTailClients else {
            return .failed("too many tail clients (at most \(Self.maximumTailClients))")
        }
        if let community, !communities.contains(community) {
            return .refused(.unknownCommunity(community.hex))
        }
        client.tail = TailFilter(community: community, channel: channel)
        return .tailStarted
    }

    /// Sends `delivered` to every `tail` client whose filter takes it; a client whose queue
    /// outgrows ``maximumTailQueuedBytes`` is disconnected.
    func publish(_ delivered: DeliveredEntry) {
        let subscribers = clients.values.filter { $0.tail?.matches(delivered.entry) == true }
        guard !subscribers.isEmpty else { return }
        let line = describe(delivered).responseLine
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
        guard isServed(client) else { return }
        do {
            _ = try client.output.drain { bytes throws(SystemCallError) in
                try client.socket.send(bytes)
            }
        } catch {
            drop(client)
            return
        }
        finishIfDone(client)
    }

    private func finishIfDone(_ client: Client) {
        guard isServed(client) else { return }
        if client.inputEnded, client.output.isEmpty, !client.isBusy {
            drop(client)
            return
        }
        // A busy client is not read from: what it sends waits in the socket until its requests
        // are answered, so its input stays bounded.
        var interest: PollEvents = client.inputEnded || client.isBusy ? [] : .readable
        if !client.output.isEmpty { interest.insert(.writable) }
        loop.setInterest(client.socket.descriptor, interest)
    }

    /// Closes `client`'s connection; does nothing for a client already dropped, whose
    /// descriptor may by now belong to a newer client.
    private func drop(_ client: Client) {
        guard isServed(client) else { return }
        clients[client.socket.descriptor] = nil
        if let timer = client.timer { loop.cancel(timer) }
        loop.unregister(client.socket.descriptor)
        client.socket.close()
    }
}
