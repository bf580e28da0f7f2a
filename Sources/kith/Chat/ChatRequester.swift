import Foundation
import KithCommandLine
import KithNode
import Synchronization

/// Carries a chat's requests to its node on a thread of its own, over one connection kept for
/// all of them, so that the chat's input never waits for an answer (a post is answered once it
/// is durable). Answers come back in the order of the requests, as ``ChatFeed/Item/replied``.
final class ChatRequester: Sendable {
    private struct Queue {
        var waiting: [(request: ChatRequest, purpose: ChatPurpose)] = []
        var stopped = false
    }

    private let queue = Mutex(Queue())
    private let signal = DispatchSemaphore(value: 0)
    /// Requests submitted and not answered yet.
    private let unanswered = DispatchGroup()

    /// Starts the thread that asks the node through `link`, and pushes answers to `feed`.
    init(link: ChatNodeLink, feed: ChatFeed) {
        let thread = Thread { [self] in
            let connection = ControlConnection(socketPath: link.socketPath)
            while let next = self.next() {
                let (reply, unread) = link.attempt(next.request, on: connection)
                feed.push(
                    .replied(next.request, next.purpose, reply, unreadByNode: unread))
                self.unanswered.leave()
            }
            connection.close()
        }
        thread.name = "kith-chat-requests"
        thread.start()
    }

    /// Queues `request`; its answer comes through the feed.
    func submit(_ request: ChatRequest, purpose: ChatPurpose) {
        unanswered.enter()
        queue.withLock { $0.waiting.append((request, purpose)) }
        signal.signal()
    }

    /// Waits at most `milliseconds` until every request submitted was answered; whether it was.
    func waitUntilAnswered(milliseconds: Int) -> Bool {
        unanswered.wait(timeout: .now() + .milliseconds(milliseconds)) == .success
    }

    /// Ends the thread once the requests queued are answered.
    func stop() {
        queue.withLock { $0.stopped = true }
        signal.signal()
    }

    /// The next request to send, waiting for one; nil once stopped with none left.
    private func next() -> (request: ChatRequest, purpose: ChatPurpose)? {
        while true {
            let taken = queue.withLock { state -> (ChatRequest, ChatPurpose)?? in
                if !state.waiting.isEmpty { return .some(state.waiting.removeFirst()) }
                return state.stopped ? .some(nil) : nil
            }
            if let taken { return taken.map { (request: $0.0, purpose: $0.1) } }
            signal.wait()
        }
    }
}
