import Foundation
import KithCommandLine
import KithControl
import KithCore
import KithNode
import KithSystem
import Synchronization

/// What reaches a chat from outside its input: entries from the node, signals, the node's
/// events. Filled by other threads; the chat loop takes everything at each wake-up.
final class ChatFeed: Sendable {
    /// One thing that happened.
    enum Item: Sendable {
        /// The `tail` subscription is open: entries appended from now on will come.
        case subscribed
        /// An entry the node appended.
        case entry(ControlEntry)
        /// The subscription ended: the node stopped or the socket failed. `generation` says which
        /// subscription (see ``ChatFeed/isCurrent(_:)``).
        case ended(String, generation: Int)
        /// The node's answer to a request the chat made (``ChatRequester``), and whether a
        /// failure means no node read it.
        case replied(ChatRequest, ChatPurpose, ChatReply, unreadByNode: Bool)
        /// A signal arrived.
        case signal(Int32)
        /// A line about the node itself (in-process node); `isNotable` ones are shown at once,
        /// the others kept for `/status`.
        case nodeEvent(String, isNotable: Bool)
    }

    /// The most entry bytes kept waiting; beyond it the oldest entries are dropped and counted
    /// (the node bounds what it queues for the chat; this bounds what a busy chat holds).
    static let capacityBytes = 32 * 1024 * 1024

    private struct Queue {
        var items: [Item] = []
        var entryBytes = 0
        var dropped = 0
        /// Which subscription is current: what an earlier one (to a node the chat no longer
        /// follows) brings is dropped.
        var generation = 0
    }

    private let waiter: InputWaiter
    private let queue = Mutex(Queue())

    /// A feed that wakes `waiter` when something arrives.
    init(waiter: InputWaiter) {
        self.waiter = waiter
    }

    /// Adds an item and wakes the loop; an item of subscription `generation` only while that
    /// subscription is the current one.
    func push(_ item: Item, generation: Int? = nil) {
        queue.withLock { state in
            if let generation, generation != state.generation { return }
            state.items.append(item)
            guard case .entry(let entry) = item else { return }
            state.entryBytes += entry.entry.bytes.count
            guard state.entryBytes > Self.capacityBytes else { return }
            // Drop the oldest entries down to half the bound at once: one pass for many pushes.
            var kept: [Item] = []
            for waiting in state.items {
                if case .entry(let old) = waiting, state.entryBytes > Self.capacityBytes / 2 {
                    state.entryBytes -= old.entry.bytes.count
                    state.dropped += 1
                } else {
                    kept.append(waiting)
                }
            }
            state.items = kept
        }
        waiter.wake()
    }

    /// Everything waiting, oldest first, and how many entries were dropped since last time.
    func takeAll() -> (items: [Item], dropped: Int) {
        queue.withLock { state in
            defer { state = Queue(generation: state.generation) }
            return (state.items, state.dropped)
        }
    }

    /// Whether `generation` is the current subscription's.
    func isCurrent(_ generation: Int) -> Bool {
        queue.withLock { $0.generation == generation }
    }

    /// Follows the node's entries on a thread of its own, pushing each; an earlier subscription
    /// is from now on ignored.
    func follow(socketPath: String) {
        let current = queue.withLock { state in
            state.generation += 1
            return state.generation
        }
        let thread = Thread { [self] in
            let isCurrent = { self.queue.withLock { $0.generation == current } }
            do {
                try ControlClient.follow(
                    .tail(community: nil, channel: nil), socketPath: socketPath
                ) {
                    response in
                    guard isCurrent() else { return false }
                    if response.tailing == true {
                        self.push(.subscribed, generation: current)
                    } else if !response.ok {
                        self.push(
                            .ended(
                                response.error ?? "the node refused to stream entries",
                                generation: current), generation: current)
                    } else if let entry = response.entry {
                        self.push(.entry(entry), generation: current)
                    }
                    return true
                }
                self.push(.ended("the node stopped", generation: current), generation: current)
            } catch {
                self.push(.ended("\(error)", generation: current), generation: current)
            }
        }
        thread.name = "kith-chat-feed"
        thread.start()
    }

    /// Whether signal `number` ends the chat: all but SIGWINCH (a resize) and SIGCONT (the
    /// process was continued after a stop).
    static func stopsTheChat(_ number: Int32) -> Bool {
        number != SIGWINCH && number != SIGCONT
    }

    /// Turns `signals` into items (instead of their default action) for as long as the
    /// returned trap lives. A second stopping signal (see ``stopsTheChat(_:)``) while the
    /// first is handled ends the process at once, terminal restored (status 130), for a stop
    /// that hangs. SIGCONT still continues a stopped process; the item only tells the chat.
    func trap(signals: [Int32]) -> SignalTrap {
        SignalTrap(
            signals: signals, label: "kith.chat.signals", isStop: Self.stopsTheChat,
            beforeForcedExit: { RawTerminal.emergencyRestore() },
            handler: { [self] number in push(.signal(number)) })
    }
}
