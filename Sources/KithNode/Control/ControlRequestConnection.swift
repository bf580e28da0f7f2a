import KithControl
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// One connection to a node's control socket kept for many requests (Protocol/control.md), for a
/// client that polls it in its own loop, such as `kith chat`: requests are written at once,
/// pipelined, without blocking (what the socket does not take yet waits for it to be writable),
/// and each answer is read as it arrives and matched to its request, in order
/// (``ControlRequestPipeline``). Nothing waits for an answer. Opened by the first request, and
/// again after the node closed it. For one thread.
public final class ControlRequestConnection<Question: Sendable> {
    /// How one request ended.
    public enum Outcome {
        /// The node answered.
        case answered(Question, ControlResponse)
        /// No answer will come: a sentence for the person, and whether no node read the
        /// request (none answers at the socket, or it closed with the request unread as it
        /// stopped), so that asking the next node cannot do it twice.
        case failed(Question, String, unreadByNode: Bool)
    }

    /// How long a connection may stay unused before the next request opens a new one: less than
    /// the node's idle timeout (30 s), after which the node closes it.
    public static var reuseMilliseconds: UInt64 { 20_000 }

    /// How long the node may take to answer, or to answer the next request after one, before
    /// the connection counts as failed (a node that stops may accept and never read).
    public static var answerMilliseconds: UInt64 { 5_000 }

    /// The most bytes read in one turn, so that the client's loop serves its other work.
    public static var readBudget: Int { 4 * 1024 * 1024 }

    /// The node's control socket.
    public let socketPath: String
    private var socket: Socket?
    private var pipeline = ControlRequestPipeline<Question>()
    /// When a request was last asked (monotonic milliseconds).
    private var lastAsked: UInt64 = 0
    /// How requests ended since ``takeOutcomes()`` was last called.
    private var outcomes: [Outcome] = []
    /// Since when the oldest unanswered request waits, or the node last answered one while
    /// others wait (monotonic milliseconds); nil when none waits.
    private var waitingSince: UInt64?

    /// A connection to the node serving `socketPath`, opened by the first request.
    public init(socketPath: String) {
        self.socketPath = socketPath
    }

    deinit { socket?.close() }

    /// How many requests wait for their answer.
    public var unansweredCount: Int { pipeline.unansweredCount }

    /// When the node is late to answer (monotonic milliseconds); nil when no answer is due.
    public var answerDeadline: UInt64? { waitingSince.map { $0 + Self.answerMilliseconds } }

    /// What to poll the socket for; nil while no connection is open.
    public var pollDescriptor: pollfd? {
        guard let socket else { return nil }
        let events: PollEvents = pipeline.unsentBytes.isEmpty ? .readable : [.readable, .writable]
        return pollfd(fd: socket.descriptor, events: events.rawValue, revents: 0)
    }

    /// Asks `request`; its answer, or why none comes, is among the outcomes of a later
    /// ``service(_:)`` (or at once, when no node can be reached).
    public func ask(_ request: ControlRequest, for question: Question) {
        let now = SystemClock.monotonicMilliseconds()
        if socket != nil, pipeline.isIdle, now - lastAsked > Self.reuseMilliseconds {
            socket?.close()
            socket = nil
        }
        lastAsked = now
        if socket == nil {
            do {
                socket = try ControlClient.open(socketPath: socketPath)
            } catch {
                outcomes.append(
                    .failed(question, error.description, unreadByNode: Self.meansUnread(error)))
                return
            }
        }
        if pipeline.unansweredCount == 0 { waitingSince = now }
        pipeline.enqueue(request, tag: question)
        flush()
    }

    /// Writes what is unsent and reads what came, without blocking; `revents` is what poll said
    /// of the socket. Fails the requests when the node is late to answer.
    public func service(_ revents: Int16) {
        guard let socket else { return }
        defer {
            if let deadline = answerDeadline, SystemClock.monotonicMilliseconds() >= deadline {
                fail(ControlClientError.timedOut.description, unreadByNode: false)
            }
        }
        flush()
        guard revents != 0, self.socket != nil else { return }
        var budget = Self.readBudget
        do throws(SystemCallError) {
            while budget > 0, let bytes = try socket.receive(maximumCount: 64 * 1024) {
                guard !bytes.isEmpty else {
                    fail(ControlClientError.badResponse.description, unreadByNode: false)
                    return
                }
                budget -= bytes.count
                do throws(ControlStreamError) {
                    try pipeline.receive(bytes)
                } catch {
                    fail(error.description, unreadByNode: false)
                    return
                }
            }
        } catch {
            fail(
                ControlClientError.failed(error).description,
                unreadByNode: Self.meansUnread(.failed(error)))
            return
        }
        takeAnswers()
    }

    /// How requests ended since the last call, in order.
    public func takeOutcomes() -> [Outcome] {
        defer { outcomes.removeAll() }
        return outcomes
    }

    /// Closes the connection; requests still unanswered fail with `reason`.
    public func close(failing reason: String) {
        fail(reason, unreadByNode: false)
    }

    private func takeAnswers() {
        let answers = pipeline.takeAnswers()
        guard !answers.isEmpty else { return }
        waitingSince = pipeline.unansweredCount > 0 ? SystemClock.monotonicMilliseconds() : nil
        outcomes += answers.map { .answered($0.tag, $0.response) }
    }

    /// Sends what the socket takes now.
    private func flush() {
        guard let socket else { return }
        do throws(SystemCallError) {
            while !pipeline.unsentBytes.isEmpty {
                let result = pipeline.unsentBytes.withUnsafeBytes { bytes in
                    Result { () throws(SystemCallError) in try socket.send(bytes) }
                }
                guard let sent = try result.get(), sent > 0 else { return }
                pipeline.sent(sent)
            }
        } catch {
            fail(
                ControlClientError.failed(error).description,
                unreadByNode: Self.meansUnread(.failed(error)))
        }
    }

    /// Closes the connection: the answers read so far count, every request still unanswered
    /// fails.
    private func fail(_ reason: String, unreadByNode: Bool) {
        takeAnswers()
        socket?.close()
        socket = nil
        waitingSince = nil
        outcomes += pipeline.takeUnanswered().map {
            .failed($0, reason, unreadByNode: unreadByNode)
        }
    }

    /// Whether `error` means that no node read what was sent: none answers at the socket, or a
    /// reset or a broken pipe (the node closed the connection with the requests unread: it
    /// stopped).
    private static func meansUnread(_ error: ControlClientError) -> Bool {
        switch error {
        case .notRunning: true
        case .failed(let posix):
            posix.code == .connectionReset || posix.code == .brokenPipe
        default: false
        }
    }
}
