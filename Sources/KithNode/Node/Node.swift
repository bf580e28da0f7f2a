import Foundation
import KithControl
import KithCore
import KithStorage
import Synchronization

/// A running Kith node: discovery, sessions and replication around one store, driven by a
/// single-threaded event loop on a thread of its own.
///
/// Make it with an identity and an open store (the node owns the store from then on and closes
/// it when it stops), ``start()`` it, then use it from any thread: ``post(_:channel:)`` publishes,
/// ``status()`` describes what it sees, ``stop()`` ends it cleanly (goodbyes sent, the store
/// checkpointed and closed) and ``waitUntilStopped()`` waits for that. Events (peers, sessions,
/// entries) arrive on the handler given at creation, on the loop thread.
public final class Node: @unchecked Sendable {
    private enum Phase {
        case created
        case running
        case stopped(NodeError?)
    }

    private struct Lifecycle {
        var phase = Phase.created
        var waiters: [CheckedContinuation<NodeError?, Never>] = []
    }

    /// The node's public key.
    public let publicKey: PublicKey
    private let loop: EventLoop
    /// Used only on the loop thread, or before the thread starts.
    private let runtime: NodeRuntime
    private let lifecycle = Mutex(Lifecycle())
    private let ports = Mutex<(session: UInt16, discovery: UInt16)>((0, 0))

    /// A node for `identity` over `store`, reporting to `events`. Nothing is opened yet.
    public init(
        configuration: NodeConfiguration, identity: SigningKey, store: sending EntryStore,
        events: @escaping @Sendable (NodeEvent) -> Void
    ) throws(NodeError) {
        publicKey = identity.publicKey
        do {
            loop = try EventLoop()
        } catch {
            throw .socket("event loop", error)
        }
        runtime = NodeRuntime(
            configuration: configuration, identity: identity, store: store, loop: loop,
            events: events)
    }

    /// The TCP port sessions are accepted on (0 before ``start()``).
    public var sessionPort: UInt16 { ports.withLock { $0.session } }

    /// The UDP port beacons are received on (0 before ``start()``).
    public var discoveryPort: UInt16 { ports.withLock { $0.discovery } }

    /// Opens the sockets and starts the loop thread. On failure nothing stays open and the store
    /// is closed.
    public func start() throws(NodeError) {
        let canStart = lifecycle.withLock { lifecycle -> Bool in
            guard case .created = lifecycle.phase else { return false }
            lifecycle.phase = .running
            return true
        }
        guard canStart else { throw .notRunning }
        do {
            try runtime.start()
        } catch {
            runtime.abandon()
            loop.shutDown()
            finish(error)
            throw error
        }
        ports.withLock {
            $0 = (runtime.sessions.port, runtime.discovery.port)
        }
        let thread = Thread { [self] in self.runLoop() }
        thread.name = "kith-node"
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func runLoop() {
        var loopError: NodeError?
        do {
            try loop.run()
        } catch {
            loopError = .socket("event loop", error)
            runtime.abandon()
        }
        loop.shutDown()
        finish(loopError ?? runtime.failure)
    }

    private func finish(_ error: NodeError?) {
        let waiters = lifecycle.withLock { lifecycle in
            lifecycle.phase = .stopped(error)
            defer { lifecycle.waiters.removeAll() }
            return lifecycle.waiters
        }
        for waiter in waiters { waiter.resume(returning: error) }
    }

    /// Runs `work` on the loop thread; false when the node is not running (not started yet, or
    /// stopped), so that no caller waits for work that never runs.
    private func executeIfRunning(_ work: @escaping @Sendable () -> Void) -> Bool {
        let isRunning = lifecycle.withLock { lifecycle -> Bool in
            if case .running = lifecycle.phase { return true }
            return false
        }
        return isRunning && loop.execute(work)
    }

    /// Stops the node cleanly: goodbyes to every peer, then the store is checkpointed and closed.
    /// Safe from any thread, and more than once.
    public func stop() {
        loop.execute { [self] in self.runtime.stop() }
    }

    /// Waits until the node has stopped; returns why it stopped when it was not asked to (a log
    /// failure), nil after a requested stop. Returns at once for a node that never started.
    public func waitUntilStopped() async -> NodeError? {
        await withCheckedContinuation { continuation in
            let immediate = lifecycle.withLock { lifecycle -> NodeError?? in
                switch lifecycle.phase {
                case .created: return .some(nil)
                case .stopped(let error): return .some(error)
                case .running:
                    lifecycle.waiters.append(continuation)
                    return .none
                }
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    /// Signs and appends this node's next entry in `community`, durable before it completes, and
    /// sends it to every peer that is current. `completion` runs on the loop thread.
    public func publish(
        contentType: ContentType, content: [UInt8], in community: CommunityID,
        completion: @escaping @Sendable (Result<Entry, NodeError>) -> Void
    ) {
        let accepted = executeIfRunning { [self] in
            completion(
                self.runtime.publish(contentType: contentType, content: content, in: community))
        }
        if !accepted { completion(.failure(.notRunning)) }
    }

    /// Publishes `content` of `contentType` in `community` (see
    /// ``publish(contentType:content:in:completion:)``).
    public func publish(contentType: ContentType, content: [UInt8], in community: CommunityID)
        async throws(NodeError) -> Entry
    {
        let result = await withCheckedContinuation { continuation in
            publish(contentType: contentType, content: content, in: community) {
                continuation.resume(returning: $0)
            }
        }
        return try result.get()
    }

    /// Posts `text` to `channel` in the default community.
    public func post(_ text: String, channel: ChannelName) async throws(NodeError) -> Entry {
        let post: Post
        do {
            post = try Post(channel: channel, text: text)
        } catch {
            throw .cannotPost("\(error)")
        }
        return try await publish(
            contentType: .post, content: post.encoded(), in: DefaultCommunity.id)
    }

    /// What the node sees now.
    /// - Throws: ``NodeError/notRunning`` when the node is not running.
    public func status() async throws(NodeError) -> NodeStatus {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<NodeStatus, NodeError>, Never>) in
            let accepted = executeIfRunning { [self] in
                guard self.runtime.state == .running else {
                    continuation.resume(returning: .failure(.notRunning))
                    return
                }
                continuation.resume(returning: .success(self.runtime.status()))
            }
            if !accepted { continuation.resume(returning: .failure(.notRunning)) }
        }
        return try result.get()
    }
}
