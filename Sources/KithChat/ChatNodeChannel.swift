import KithCommandLine
import KithControl
import KithNode

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A chat's two connections to its node, the `tail` subscription and the one request
/// connection, and the following of the next node when that one goes away
/// (``ChatNodeFollower``): on the chat loop's thread, polled by it with its input. Whether the
/// node still runs is asked on the request connection like anything else, so the loop never
/// waits for it.
final class ChatNodeChannel {
    /// What the node's connections brought.
    enum Event {
        /// The node streams its entries from now on.
        case subscribed
        /// Entries the node appended, oldest first, and how many before them were dropped to
        /// keep the chat within its bound (``ChatTailStream/capacityBytes``).
        case arrived([ControlEntry], dropped: Int)
        /// The node answered a question; when no answer will come (the connection failed), a
        /// ``ControlResponse/failed(_:)`` that says why, as a refusal would.
        case answered(ChatNodeQuestion, ControlResponse)
        /// The chat follows the node again, or the next one: a sentence for the person.
        case notice(String)
        /// The node went away and no other can be followed: why.
        case lost(String)
    }

    private let socketPath: String
    private let follower: ChatNodeFollower?
    private var tail: ChatTailConnection?
    private let requests: ControlRequestConnection<ChatNodeAsked>
    /// Whether the subscription ended and the node's entries no longer come.
    private var tailEnded = false
    /// While the chat asks whether the node still runs: why it asks (the stream ended, or the
    /// node left a request unread).
    private var checkingAfter: String?
    /// The session's requests waiting to be asked: those no node read, asked again once the
    /// chat knows which node to ask, and those made while the node's stream is not open (a
    /// post's entry would not come back through it).
    private var held: [ChatNodeAsked] = []
    /// Whether the channel follows the next node when this one goes away: off once the chat
    /// ended, when only the answers still due matter.
    private var followsNode = true
    private var events: [Event] = []

    /// The connections to the node serving `socketPath` (the home's control socket: the next
    /// node serves the same path); `follower` finds the next node, if the chat may follow one.
    init(socketPath: String, follower: ChatNodeFollower?) {
        self.socketPath = socketPath
        self.follower = follower
        requests = ControlRequestConnection(socketPath: socketPath)
    }

    /// How many requests wait for an answer, the held ones included.
    var unansweredCount: Int { requests.unansweredCount + held.count }

    /// Whether the node streams its entries now: not while a new subscription waits for the
    /// node's answer, when what the chat posts would not come back through the stream.
    var isStreaming: Bool { tail?.isSubscribed ?? false }

    /// Subscribes to the node's entries: ``Event/subscribed`` comes once it streams them.
    func subscribe() {
        tail?.close()
        tailEnded = false
        do {
            tail = try ChatTailConnection(socketPath: socketPath)
            if let tail { streamEnded(tail.service(0).ended) }
        } catch {
            tail = nil
            streamEnded(error.description)
        }
        takeOutcomes()
    }

    /// Asks the node `request`, for `question`; the answer comes as an event of a later
    /// ``service(_:)``, or at once in ``takeEvents()`` when no node can be reached. A request
    /// of the session's waits while the node's stream is not open.
    func ask(_ request: ControlRequest, for question: ChatNodeQuestion) {
        let asked = ChatNodeAsked(request: request, question: question)
        if case .chat = question, followsNode, !isStreaming || checkingAfter != nil {
            held.append(asked)
            return
        }
        requests.ask(request, for: asked)
        takeOutcomes()
    }

    /// Stops following the node's stream and the next node: the chat ended.
    func stopFollowing() {
        followsNode = false
        tail?.close()
        tail = nil
        for asked in held { events.append(.answered(asked.question, .failed("the chat ended"))) }
        held.removeAll()
    }

    /// When the node is late to answer a request (monotonic milliseconds): the loop serves the
    /// channel by then even if nothing comes.
    var answerDeadline: UInt64? {
        let subscription = tail.flatMap { $0.isSubscribed ? nil : $0.answerDeadline }
        return [requests.answerDeadline, subscription].compactMap { $0 }.min()
    }

    /// The sockets to poll, and for what.
    var pollDescriptors: [pollfd] {
        [tail?.pollDescriptor, requests.pollDescriptor].compactMap { $0 }
    }

    /// Serves the sockets as `polled` (``pollDescriptors`` after a poll) says.
    func service(_ polled: [pollfd]) {
        for descriptor in polled {
            if let tail, descriptor.fd == tail.pollDescriptor.fd {
                serviceTail(tail, descriptor.revents)
            } else if descriptor.fd == requests.pollDescriptor?.fd {
                requests.service(descriptor.revents)
            }
        }
        takeOutcomes()
    }

    /// What happened since the last call, in order.
    func takeEvents() -> [Event] {
        defer { events.removeAll() }
        return events
    }

    private func serviceTail(_ tail: ChatTailConnection, _ revents: Int16) {
        let reading = tail.service(revents)
        if reading.arrivals.subscribed {
            events.append(.subscribed)
            askHeld()
        }
        if !reading.arrivals.entries.isEmpty || reading.arrivals.dropped > 0 {
            events.append(.arrived(reading.arrivals.entries, dropped: reading.arrivals.dropped))
        }
        streamEnded(reading.ended)
    }

    /// The subscription ended with `reason` (nil: it goes on): asks whether the node still runs.
    private func streamEnded(_ reason: String?) {
        guard let reason else { return }
        tail?.close()
        tail = nil
        tailEnded = true
        checkNode(after: reason)
    }

    /// Asks the node whether it still runs, unless that is asked already.
    private func checkNode(after reason: String) {
        guard followsNode, checkingAfter == nil else { return }
        guard follower != nil else {
            lose(reason)
            return
        }
        checkingAfter = reason
        let status = ControlRequest.status
        requests.ask(status, for: ChatNodeAsked(request: status, question: .liveness))
    }

    /// Takes how the requests ended: answers become events, unread requests are held to be asked
    /// again, and the liveness answer decides which node to follow.
    private func takeOutcomes() {
        while true {
            let outcomes = requests.takeOutcomes()
            guard !outcomes.isEmpty else { return }
            for outcome in outcomes {
                switch outcome {
                case .answered(let asked, let response):
                    if case .liveness = asked.question {
                        nodeChecked(stillRuns: response.status != nil)
                    } else {
                        events.append(.answered(asked.question, response))
                    }
                case .failed(let asked, let reason, let unreadByNode):
                    if case .liveness = asked.question {
                        nodeChecked(stillRuns: false)
                    } else if unreadByNode, followsNode, case .chat = asked.question {
                        held.append(asked)
                        checkNode(after: "it did not answer")
                    } else {
                        events.append(.answered(asked.question, .failed(reason)))
                    }
                }
            }
            askHeld()
        }
    }

    /// Asks the held requests, once the chat knows which node to ask and that node streams its
    /// entries: a post's entry then comes back through the stream.
    private func askHeld() {
        guard checkingAfter == nil, isStreaming, !held.isEmpty else { return }
        let again = held
        held.removeAll()
        for asked in again {
            requests.ask(asked.request, for: asked)
        }
    }

    /// The answer to the liveness question: follows the node again, or the next one.
    private func nodeChecked(stillRuns: Bool) {
        guard let reason = checkingAfter else { return }
        checkingAfter = nil
        guard followsNode else { return }
        if stillRuns {
            // The node ended only the chat's stream (it fell more than the node queues behind,
            // Protocol/control.md), or only the request connection: subscribe again if needed.
            guard tailEnded else { return }
            subscribe()
            events.append(
                .notice(
                    "the node's stream ended (\(reason)); following it again: messages may have "
                        + "been missed meanwhile, /history shows them"))
            return
        }
        guard let notice = follower?.followNextNode(after: reason) else {
            lose(reason)
            return
        }
        requests.close(failing: "the node went away (\(reason))")
        events.append(.notice(notice))
        subscribe()
    }

    /// No node can be followed: the held requests fail, and the chat ends.
    private func lose(_ reason: String) {
        for asked in held { events.append(.answered(asked.question, .failed(reason))) }
        held.removeAll()
        followsNode = false
        events.append(.lost(reason))
    }
}
