import KithCommandLine
import KithControl
import KithNode
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A chat's `tail` subscription to its node (Protocol/control.md): a nonblocking socket the
/// chat's loop polls with everything else it waits for, read as bytes arrive into a
/// ``ChatTailStream`` whose entries go to the session in the same turn. No thread of its own.
final class ChatTailConnection {
    /// What one turn's reading brought.
    struct Reading {
        /// What came: the subscription's start, entries, a refusal.
        var arrivals = ChatTailStream.Arrivals()
        /// Why the subscription ended, if it did: nothing more comes.
        var ended: String?
    }

    /// The most bytes read in one turn, so that typing stays served during a flood (the node
    /// queues the rest, up to its bound for a subscriber).
    static let readBudget = 1024 * 1024

    private let socket: Socket
    private var stream = ChatTailStream()
    /// The `tail` request, until the socket took it all.
    private var unsent = ControlRequest.tail(community: nil, channel: nil).line
    private var isClosed = false
    /// By when the node must accept the subscription (monotonic milliseconds).
    let answerDeadline: UInt64

    /// How long the node may take to accept the subscription.
    static let answerMilliseconds: UInt64 = 5_000

    /// Connects to the node serving `socketPath` and asks it to stream every entry it appends.
    init(socketPath: String) throws(ControlClientError) {
        socket = try ControlClient.open(socketPath: socketPath)
        answerDeadline = SystemClock.monotonicMilliseconds() + Self.answerMilliseconds
    }

    deinit { close() }

    /// Whether the node accepted the subscription.
    var isSubscribed: Bool { stream.isSubscribed }

    /// What to poll the socket for.
    var pollDescriptor: pollfd {
        let events: PollEvents = unsent.isEmpty ? .readable : [.readable, .writable]
        return pollfd(fd: socket.descriptor, events: events.rawValue, revents: 0)
    }

    /// Writes what is unsent and reads what came, without blocking; `revents` is what poll said
    /// of the socket (nothing: only write). The subscription ends when the node did not accept
    /// it in time.
    func service(_ revents: Int16) -> Reading {
        var reading = transfer(revents)
        if reading.ended == nil, !isSubscribed,
            SystemClock.monotonicMilliseconds() >= answerDeadline
        {
            reading.ended = ControlClientError.timedOut.description
            close()
        }
        return reading
    }

    /// Writes what is unsent and reads what came.
    private func transfer(_ revents: Int16) -> Reading {
        var reading = Reading()
        do throws(SystemCallError) {
            if !unsent.isEmpty, let sent = try socket.send(unsent) {
                unsent.removeFirst(sent)
            }
            guard revents != 0 else { return reading }
            var budget = Self.readBudget
            while budget > 0, let bytes = try socket.receive(maximumCount: 64 * 1024) {
                guard !bytes.isEmpty else {
                    reading.ended = "the node stopped"
                    break
                }
                budget -= bytes.count
                do throws(ControlStreamError) {
                    try stream.receive(bytes)
                } catch {
                    reading.ended = error.description
                    break
                }
            }
        } catch {
            reading.ended = ControlClientError.failed(error).description
        }
        reading.arrivals = stream.take()
        if let refusal = reading.arrivals.refusal { reading.ended = reading.ended ?? refusal }
        if reading.ended != nil { close() }
        return reading
    }

    /// Closes the subscription; the node ends it.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        socket.close()
    }
}
